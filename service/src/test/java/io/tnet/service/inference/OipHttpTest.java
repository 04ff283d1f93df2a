package io.tnet.service.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.service.support.Http;
import io.tnet.service.support.ServiceTestModels;
import io.tnet.service.support.SlowBackend;
import io.tnet.service.support.TestRepositoryConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The Open Inference Protocol v2 surface over real HTTP on a random port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tnet.inference.max-request-size=64KB", "tnet.models.auth.token=test-token"})
@Import(TestRepositoryConfig.class)
class OipHttpTest {

    /** Plain threads: the common pool has one thread on a 2-core machine and requests park while they wait. */
    static final java.util.concurrent.ExecutorService EXEC = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    private static final int N = TestRepositoryConfig.N;

    @LocalServerPort
    int port;

    @Autowired
    SlowBackend slow;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        slow.open();
    }

    static float[] oneHot(int k) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = 0.1f * (i % 3);
        }
        x[k] = 3.5f;
        return x;
    }

    static int argmax(JsonNode data, int row, int per) {
        int best = 0;
        for (int i = 1; i < per; i++) {
            if (data.get(row * per + i).floatValue() > data.get(row * per + best).floatValue()) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void healthAndServerMetadata() {
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(http.get("/v2/health/live").json().get("live").booleanValue()).isTrue();
        Http.Response ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        JsonNode meta = http.get("/v2").json();
        assertThat(meta.get("name").stringValue()).isEqualTo("tnet");
        assertThat(meta.get("extensions").toString()).contains("binary_tensor_data", "classification",
                "model_repository", "statistics");
        assertThat(meta.get("backends").get("cpu").stringValue()).isEqualTo("available");
        assertThat(meta.get("backends").has("fpga")).isTrue();
    }

    @Test
    void modelMetadataAndReadiness() {
        JsonNode m = http.get("/v2/models/argmax").json();
        assertThat(m.get("name").stringValue()).isEqualTo("argmax");
        assertThat(m.get("versions").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(m.get("inputs").get(0).get("name").stringValue()).isEqualTo("input");
        assertThat(m.get("inputs").get(0).get("datatype").stringValue()).isEqualTo("FP32");
        assertThat(m.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1," + N + "]");
        assertThat(m.get("outputs").get(0).get("name").stringValue()).isEqualTo("logits");
        assertThat(m.get("parameters").get("version").stringValue()).isEqualTo("2");
        assertThat(http.get("/v2/models/argmax/versions/1").json().get("parameters").get("precision").stringValue())
                .isEqualTo("FLOAT32");
        assertThat(http.get("/v2/models/argmax/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/argmax/versions/1/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/argmax/versions/9/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/nope/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/nope").status()).isEqualTo(404);
    }

    @Test
    void jsonInferenceGivesKnownClassesOnEveryVersion() {
        for (String path : List.of("/v2/models/argmax/infer", "/v2/models/argmax/versions/1/infer",
                "/v2/models/argmax/versions/2/infer", "/v2/models/plain/infer")) {
            for (int k = 0; k < N; k++) {
                Http.Response r = http.postJson(path, Http.inferJson(oneHot(k), 1, N));
                assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
                JsonNode out = r.json().get("outputs").get(0);
                assertThat(out.get("name").stringValue()).isEqualTo("logits");
                assertThat(out.get("datatype").stringValue()).isEqualTo("FP32");
                assertThat(out.get("shape").toString()).isEqualTo("[1," + N + "]");
                assertThat(argmax(out.get("data"), 0, N)).isEqualTo(k);
            }
        }
        JsonNode r = http.postJson("/v2/models/argmax/versions/1/infer", Http.inferJson(oneHot(3), 1, N)).json();
        assertThat(r.get("model_name").stringValue()).isEqualTo("argmax");
        assertThat(r.get("model_version").stringValue()).isEqualTo("1");
        JsonNode p = r.get("parameters");
        assertThat(p.get("backend").stringValue()).isEqualTo("cpu");
        assertThat(p.get("compute_time_ns").longValue()).isPositive();
        assertThat(p.get("energy_joules").doubleValue()).isGreaterThan(0);
        assertThat(p.get("power_watts").doubleValue()).isGreaterThan(0);
        assertThat(p.get("energy_source").stringValue()).isIn("rapl", "model");
        assertThat(p.get("batch_size").intValue()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void logitsEqualTheReferenceEvaluator() {
        Model model = ServiceTestModels.randomMlp("random", 16, 12, 5, 42);
        Model int8 = ServiceTestModels.randomMlpInt8("random", 16, 12, 5, 43);
        java.util.Random rnd = new java.util.Random(7);
        for (int t = 0; t < 20; t++) {
            float[] x = new float[16];
            for (int i = 0; i < 16; i++) {
                x[i] = rnd.nextInt(256);
            }
            float[] expected = ReferenceEvaluator.infer(model, x);
            JsonNode data = http.postJson("/v2/models/random/versions/1/infer", Http.inferJson(x, 1, 16)).json()
                    .get("outputs").get(0).get("data");
            for (int i = 0; i < 5; i++) {
                // float mode: the kernel sums in another order than the reference (int8 is bit-exact)
                assertThat(data.get(i).floatValue()).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-4f));
            }
            float[] exact = ReferenceEvaluator.infer(int8, x);
            JsonNode data8 = http.postJson("/v2/models/random/versions/2/infer", Http.inferJson(x, 1, 16)).json()
                    .get("outputs").get(0).get("data");
            for (int i = 0; i < 5; i++) {
                assertThat(data8.get(i).floatValue()).isEqualTo(exact[i]);
            }
        }
    }

    @Test
    void nestedDataAndBatchDimension() {
        float[] a = oneHot(2);
        float[] b = oneHot(7);
        String nested = "{\"id\":\"req-1\",\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2," + N
                + "],\"data\":[" + java.util.Arrays.toString(a) + "," + java.util.Arrays.toString(b) + "]}]}";
        JsonNode r = http.postJson("/v2/models/argmax/versions/1/infer", nested).json();
        assertThat(r.get("id").stringValue()).isEqualTo("req-1");
        JsonNode out = r.get("outputs").get(0);
        assertThat(out.get("shape").toString()).isEqualTo("[2," + N + "]");
        assertThat(argmax(out.get("data"), 0, N)).isEqualTo(2);
        assertThat(argmax(out.get("data"), 1, N)).isEqualTo(7);
        // one sample without batch dimension
        Http.Response single = http.postJson("/v2/models/argmax/versions/1/infer", Http.inferJson(oneHot(4), N));
        assertThat(argmax(single.json().get("outputs").get(0).get("data"), 0, N)).isEqualTo(4);
    }

    @Test
    void integerAndDoubleDatatypesAreConverted() {
        String values = "[0,1,2,3,100,5,6,7,8,9]";
        for (String dt : List.of("INT8", "UINT8", "INT16", "INT32", "INT64", "FP64", "FP32")) {
            String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"" + dt + "\",\"shape\":[1," + N
                    + "],\"data\":" + values + "}]}";
            Http.Response r = http.postJson("/v2/models/argmax/versions/1/infer", body);
            assertThat(r.status()).as(dt + ": " + r.text()).isEqualTo(200);
            JsonNode data = r.json().get("outputs").get(0).get("data");
            assertThat(data.get(4).floatValue()).as(dt).isEqualTo(100f);
            assertThat(data.get(9).floatValue()).as(dt).isEqualTo(9f);
        }
    }

    @Test
    void classificationExtension() {
        String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"data\":"
                + java.util.Arrays.toString(oneHot(6)) + "}],\"outputs\":[{\"name\":\"logits\",\"parameters\":{\"classification\":3}}]}";
        JsonNode out = http.postJson("/v2/models/argmax/versions/1/infer", body).json().get("outputs").get(0);
        assertThat(out.get("datatype").stringValue()).isEqualTo("BYTES");
        assertThat(out.get("shape").toString()).isEqualTo("[1,3]");
        assertThat(out.get("data").get(0).stringValue()).isEqualTo("3.5:6:c6");
        Matcher m = Pattern.compile("([-0-9.Ee]+):(\\d+):c(\\d+)").matcher(out.get("data").get(1).stringValue());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).isEqualTo(m.group(3));
        // int8 version has no labels: "score:index"
        JsonNode out2 = http.postJson("/v2/models/argmax/versions/2/infer", body).json().get("outputs").get(0);
        assertThat(out2.get("data").get(0).stringValue()).matches("[-0-9.Ee]+:6");
    }

    @Test
    void binaryTensorExtensionInAndOut() {
        float[] x = oneHot(8);
        String header = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N
                + "],\"parameters\":{\"binary_data_size\":" + (4 * N) + "}}],"
                + "\"outputs\":[{\"name\":\"logits\",\"parameters\":{\"binary_data\":true}}]}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(h.length + 4 * N).order(ByteOrder.LITTLE_ENDIAN).put(h);
        for (float f : x) {
            body.putFloat(f);
        }
        Http.Response r = http.post("/v2/models/argmax/versions/1/infer", body.array(),
                "Content-Type", "application/octet-stream", "Inference-Header-Content-Length", Integer.toString(h.length));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        int jsonLength = Integer.parseInt(r.header("Inference-Header-Content-Length"));
        JsonNode json = Http.JSON.readTree(new String(r.body(), 0, jsonLength, StandardCharsets.UTF_8));
        JsonNode out = json.get("outputs").get(0);
        assertThat(out.has("data")).isFalse();
        assertThat(out.get("parameters").get("binary_data_size").intValue()).isEqualTo(4 * N);
        assertThat(r.body().length).isEqualTo(jsonLength + 4 * N);
        ByteBuffer logits = ByteBuffer.wrap(r.body(), jsonLength, 4 * N).order(ByteOrder.LITTLE_ENDIAN);
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            y[i] = logits.getFloat();
        }
        assertThat(y[8]).isEqualTo(3.5f);
        // binary UINT8 input, JSON output
        String h2 = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"UINT8\",\"shape\":[1," + N
                + "],\"parameters\":{\"binary_data_size\":" + N + "}}]}";
        byte[] hb = h2.getBytes(StandardCharsets.UTF_8);
        byte[] b2 = new byte[hb.length + N];
        System.arraycopy(hb, 0, b2, 0, hb.length);
        b2[hb.length + 5] = (byte) 200;
        Http.Response r2 = http.post("/v2/models/argmax/versions/1/infer", b2,
                "Content-Type", "application/octet-stream", "Inference-Header-Content-Length", Integer.toString(hb.length));
        assertThat(r2.status()).as(r2.text()).isEqualTo(200);
        assertThat(r2.header("Content-Type")).startsWith("application/json");
        assertThat(r2.json().get("outputs").get(0).get("data").get(5).floatValue()).isEqualTo(200f);
        // request-level binary_data_output with classification: BYTES elements length-prefixed
        String h3 = "{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
                + "\"shape\":[1," + N + "],\"data\":" + java.util.Arrays.toString(x) + "}],"
                + "\"outputs\":[{\"name\":\"logits\",\"parameters\":{\"classification\":1}}]}";
        Http.Response r3 = http.post("/v2/models/argmax/versions/1/infer", h3.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        int jl = Integer.parseInt(r3.header("Inference-Header-Content-Length"));
        ByteBuffer bytes = ByteBuffer.wrap(r3.body(), jl, r3.body().length - jl).order(ByteOrder.LITTLE_ENDIAN);
        int len = bytes.getInt();
        assertThat(new String(r3.body(), jl + 4, len, StandardCharsets.UTF_8)).isEqualTo("3.5:8:c8");
    }

    @Test
    void badRequestsAre400WithAnErrorBody() {
        String path = "/v2/models/argmax/versions/1/infer";
        List<String> bodies = List.of(
                "{not json",
                "[]",
                "{\"inputs\":[]}",
                Http.inferJson(new float[N], 1, N + 1),                                           // wrong shape
                Http.inferJson(new float[N - 1], 1, N),                                           // too few values
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"BOOL\",\"shape\":[1," + N + "],\"data\":[" + "0,".repeat(N - 1) + "0]}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT8\",\"shape\":[1," + N + "],\"data\":[300" + ",0".repeat(N - 1) + "]}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT32\",\"shape\":[1," + N + "],\"data\":[1.5" + ",0".repeat(N - 1) + "]}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"data\":[\"a\"" + ",0".repeat(N - 1) + "]}]}",
                "{\"inputs\":[{\"name\":\"other\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"data\":[" + "0,".repeat(N - 1) + "0]}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"data\":[" + "0,".repeat(N - 1)
                        + "0]}],\"outputs\":[{\"name\":\"nope\"}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"data\":[" + "0,".repeat(N - 1)
                        + "0]}],\"outputs\":[{\"name\":\"logits\",\"parameters\":{\"classification\":99}}]}",
                "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N + "],\"parameters\":{\"binary_data_size\":40}}]}");
        for (String body : bodies) {
            Http.Response r = http.postJson(path, body);
            assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").stringValue()).isNotBlank();
        }
        assertThat(http.postJson("/v2/models/argmax/versions/abc/infer", Http.inferJson(new float[N], 1, N)).status())
                .isEqualTo(400);
    }

    @Test
    void badBinarySizesAre400() {
        String header = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + N
                + "],\"parameters\":{\"binary_data_size\":" + (4 * N) + "}}]}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        String path = "/v2/models/argmax/versions/1/infer";
        // too few bytes after the header
        byte[] shortBody = new byte[h.length + 4 * N - 4];
        System.arraycopy(h, 0, shortBody, 0, h.length);
        assertThat(http.post(path, shortBody, "Content-Type", "application/octet-stream",
                "Inference-Header-Content-Length", Integer.toString(h.length)).status()).isEqualTo(400);
        // extra bytes
        byte[] longBody = new byte[h.length + 4 * N + 3];
        System.arraycopy(h, 0, longBody, 0, h.length);
        assertThat(http.post(path, longBody, "Content-Type", "application/octet-stream",
                "Inference-Header-Content-Length", Integer.toString(h.length)).status()).isEqualTo(400);
        // header length beyond the body, and not a number
        assertThat(http.post(path, h, "Content-Type", "application/octet-stream",
                "Inference-Header-Content-Length", Integer.toString(h.length + 100)).status()).isEqualTo(400);
        Http.Response nan = http.post(path, h, "Content-Type", "application/octet-stream", "Inference-Header-Content-Length", "x");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.json().get("error").stringValue()).contains("Inference-Header-Content-Length");
    }

    @Test
    void unknownModelOrVersionIs404() {
        Http.Response r = http.postJson("/v2/models/nope/infer", Http.inferJson(new float[N], 1, N));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").stringValue()).contains("nope");
        Http.Response v = http.postJson("/v2/models/argmax/versions/7/infer", Http.inferJson(new float[N], 1, N));
        assertThat(v.status()).isEqualTo(404);
        assertThat(v.json().get("error").stringValue()).contains("version 7");
        assertThat(http.get("/v2/no/such/endpoint").status()).isEqualTo(404);
    }

    @Test
    void oversizedBodyIs413() {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Http.Response r = http.post("/v2/models/argmax/infer", big, "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").stringValue()).contains("tnet.inference.max-request-size");
    }

    @Test
    void wrongContentTypeIs415() {
        Http.Response r = http.post("/v2/models/argmax/infer",
                Http.inferJson(new float[N], 1, N).getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("error").stringValue()).contains("text/plain");
    }

    @Test
    void fullQueueIs429AndTimeoutIs503() throws Exception {
        slow.close();
        String body = Http.inferJson(new float[]{1, 2, 3, 4}, 1, 4);
        try {
            // the first request leads and computes (held at the gate); the second fills the queue of one
            CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> http.postJson("/v2/models/slowpoke/infer", body), EXEC);
            assertThat(slow.awaitStarted(5000)).isTrue();
            CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> http.postJson("/v2/models/slowpoke/infer", body), EXEC);
            // whichever request finds the queue of one taken gets 429; the one queued times out (503)
            List<Integer> statuses = new ArrayList<>();
            Http.Response third = null;
            for (int i = 0; i < 100 && (third == null || third.status() != 429); i++) {
                Thread.sleep(20);
                third = http.postJson("/v2/models/slowpoke/infer", body);
                statuses.add(third.status());
            }
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().get("error").stringValue()).contains("queue full");
            Http.Response queued = second.get();
            statuses.add(queued.status());
            // a request queued behind the gate waited past the 300 ms timeout without starting: 503
            assertThat(statuses).contains(503).containsOnly(429, 503);
            if (queued.status() == 503) {
                assertThat(queued.json().get("error").stringValue()).contains("timed out");
            }
            // the one that started computing runs to completion
            slow.open();
            assertThat(first.get().status()).isEqualTo(200);
        } finally {
            slow.open();
        }
        // metrics counted both outcomes
        String prom = http.get("/actuator/prometheus").text();
        assertThat(prom).containsPattern("tnet_inference_requests_total\\{[^}]*model=\"slowpoke\"[^}]*outcome=\"rejected\"[^}]*\\} [1-9]");
        assertThat(prom).containsPattern("tnet_inference_requests_total\\{[^}]*model=\"slowpoke\"[^}]*outcome=\"timeout\"[^}]*\\} [1-9]");
    }

    @Test
    void statisticsCountRequests() {
        for (int i = 0; i < 3; i++) {
            http.postJson("/v2/models/random/versions/1/infer", Http.inferJson(new float[16], 1, 16));
        }
        JsonNode stats = http.get("/v2/models/random/versions/1/stats").json().get("model_stats").get(0);
        assertThat(stats.get("name").stringValue()).isEqualTo("random");
        assertThat(stats.get("version").stringValue()).isEqualTo("1");
        assertThat(stats.get("inference_count").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(stats.get("execution_count").longValue()).isGreaterThanOrEqualTo(1);
        JsonNode inf = stats.get("inference_stats");
        assertThat(inf.get("success").get("count").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(inf.get("success").get("ns").longValue()).isPositive();
        assertThat(inf.get("compute_infer").get("count").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("batch_stats").get(0).get("batch_size").intValue()).isGreaterThanOrEqualTo(1);
        assertThat(http.get("/v2/models/random/stats").json().get("model_stats").size()).isEqualTo(2);
        assertThat(http.get("/v2/models/random/versions/5/stats").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/nope/stats").status()).isEqualTo(404);
    }

    @Test
    void prometheusHistogramsAppearAndMove() {
        String before = http.get("/actuator/prometheus").text();
        double count0 = sample(before, "tnet_inference_request_duration_seconds_count", "plain");
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/v2/models/plain/infer", Http.inferJson(oneHot(1), 1, N)).status()).isEqualTo(200);
        }
        String prom = http.get("/actuator/prometheus").text();
        assertThat(sample(prom, "tnet_inference_request_duration_seconds_count", "plain")).isEqualTo(count0 + 5);
        for (String name : List.of("tnet_inference_request_duration_seconds_bucket", "tnet_inference_queue_duration_seconds_bucket",
                "tnet_inference_compute_duration_seconds_bucket", "tnet_inference_batch_size_bucket",
                "tnet_inference_energy_joules_bucket", "tnet_inference_power_watts_bucket")) {
            assertThat(hasSeries(prom, name, "backend=\"cpu\"", "model=\"plain\"", "version=\"1\"", "le=\""))
                    .as(name).isTrue();
        }
        assertThat(prom).contains("# TYPE tnet_inference_request_duration_seconds histogram");
        assertThat(prom).contains("# TYPE tnet_inference_energy_joules histogram");
        assertThat(prom).containsPattern("tnet_inference_energy_joules_bucket\\{[^}]*source=\"(model|rapl)\"");
        assertThat(prom).containsPattern("tnet_inference_requests_total\\{[^}]*model=\"plain\"[^}]*outcome=\"success\"");
        assertThat(prom).containsPattern("tnet_inference_pending_requests\\{[^}]*model=\"plain\"");
        assertThat(prom).containsPattern("tnet_backend_energy_joules_total\\{[^}]*backend=\"cpu\"");
        assertThat(prom).containsPattern("tnet_backend_power_watts\\{[^}]*backend=\"cpu\"");
        assertThat(prom).containsPattern("tnet_backend_up\\{[^}]*backend=\"cpu\"[^}]*\\} 1.0");
        assertThat(prom).containsPattern("tnet_backend_up\\{[^}]*backend=\"fpga\"");
        assertThat(prom).containsPattern("tnet_model_ready\\{[^}]*model=\"plain\"[^}]*\\} 1.0");
    }

    static boolean hasSeries(String prom, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ").matcher(prom);
        while (m.find()) {
            String l = m.group(1);
            if (java.util.Arrays.stream(labels).allMatch(l::contains)) {
                return true;
            }
        }
        return false;
    }

    static double sample(String prom, String name, String model) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(prom);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("model=\"" + model + "\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void openApiDocumentIsServed() {
        Http.Response r = http.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        List<String> names = new ArrayList<>();
        paths.propertyNames().forEach(names::add);
        assertThat(names).contains("/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer",
                "/v2/health/ready", "/v2/repository/index", "/v2/repository/models/{model}/load");
    }
}
