package io.tnet.service.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.format.ModelWriter;
import io.tnet.service.support.Http;
import io.tnet.service.support.ServiceTestModels;
import io.tnet.service.support.TestRepositoryConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Model management over real HTTP: upload with bearer token, Triton-style load with files, load/unload
 * and readiness, reload under continuous load, and many concurrent clients. Same context as
 * {@code OipHttpTest} (identical configuration, so Spring reuses it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tnet.inference.max-request-size=64KB", "tnet.models.auth.token=test-token"})
@Import(TestRepositoryConfig.class)
class ModelLifecycleHttpTest {

    private static final int N = TestRepositoryConfig.N;
    private static final String[] AUTH = {"Authorization", "Bearer test-token", "Content-Type", "application/octet-stream"};

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static float[] input(int k) {
        float[] x = new float[N];
        x[k] = 2f;
        x[(k + 1) % N] = 1f;
        return x;
    }

    static int predicted(Http.Response r) {
        JsonNode data = r.json().get("outputs").get(0).get("data");
        int best = 0;
        for (int i = 1; i < N; i++) {
            if (data.get(i).floatValue() > data.get(best).floatValue()) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void uploadNeedsTheBearerToken() {
        byte[] model = ModelWriter.toBytes(ServiceTestModels.argmax("managed", N));
        assertThat(http.put("/v2/repository/models/managed/versions/2", model, "Content-Type", "application/octet-stream").status())
                .isEqualTo(401);
        Http.Response wrong = http.put("/v2/repository/models/managed/versions/2", model,
                "Authorization", "Bearer nope", "Content-Type", "application/octet-stream");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(wrong.json().get("error").stringValue()).contains("token");
        Http.Response invalid = http.put("/v2/repository/models/managed/versions/2", "garbage".getBytes(StandardCharsets.UTF_8), AUTH);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").stringValue()).contains("invalid");
        assertThat(http.put("/v2/repository/models/..%2Fetc/versions/2", model, AUTH).status()).isIn(400, 404);

        Http.Response ok = http.put("/v2/repository/models/managed/versions/2", model, AUTH);
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().get("versions").toString()).isEqualTo("[\"2\"]");
        Http.Response r = http.postJson("/v2/models/managed/infer", Http.inferJson(input(5), 1, N));
        assertThat(r.json().get("model_version").stringValue()).isEqualTo("2");
        assertThat(predicted(r)).isEqualTo(5);
        // latest-1 policy: version 1 no longer served
        assertThat(http.postJson("/v2/models/managed/versions/1/infer", Http.inferJson(input(5), 1, N)).status()).isEqualTo(404);
        assertThat(http.put("/v2/repository/models/managed/versions/2", model, AUTH).status()).isEqualTo(409);

        // Triton's spelling: load with the file as a base64 parameter
        String body = "{\"parameters\":{\"file:3/model.safetensors\":\"" + Base64.getEncoder().encodeToString(model) + "\"}}";
        assertThat(http.postJson("/v2/repository/models/managed/load", body).status()).isEqualTo(401);
        Http.Response triton = http.post("/v2/repository/models/managed/load", body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer test-token", "Content-Type", "application/json");
        assertThat(triton.status()).as(triton.text()).isEqualTo(200);
        assertThat(triton.json().get("versions").toString()).isEqualTo("[\"3\"]");
    }

    @Test
    void loadUnloadIndexAndReadiness() {
        String auth = "Bearer test-token";
        // lazy is in the repository but not loaded at start: 503 on inference, listed as unavailable
        assertThat(http.postJson("/v2/models/lazy/infer", Http.inferJson(input(1), 1, N)).status()).isEqualTo(503);
        assertThat(http.get("/v2/models/lazy/ready").status()).isEqualTo(503);
        JsonNode index = http.postJson("/v2/repository/index", "{}").json();
        assertThat(index.toString()).contains("\"name\":\"lazy\"").contains("UNAVAILABLE").contains("\"state\":\"READY\"");
        assertThat(http.postJson("/v2/repository/models/lazy/load", "{}").status()).isEqualTo(401);
        Http.Response load = http.post("/v2/repository/models/lazy/load", new byte[0], "Authorization", auth);
        assertThat(load.status()).as(load.text()).isEqualTo(200);
        assertThat(load.json().get("state").stringValue()).isEqualTo("READY");
        assertThat(predicted(http.postJson("/v2/models/lazy/infer", Http.inferJson(input(4), 1, N)))).isEqualTo(4);
        JsonNode readyOnly = http.postJson("/v2/repository/index", "{\"ready\":true}").json();
        readyOnly.forEach(row -> assertThat(row.get("state").stringValue()).isEqualTo("READY"));
        assertThat(readyOnly.toString()).contains("\"name\":\"lazy\"");

        Http.Response unload = http.post("/v2/repository/models/lazy/unload", new byte[0], "Authorization", auth);
        assertThat(unload.status()).isEqualTo(200);
        assertThat(unload.json().get("state").stringValue()).isEqualTo("UNLOADED");
        Http.Response gone = http.postJson("/v2/models/lazy/infer", Http.inferJson(input(1), 1, N));
        assertThat(gone.status()).isEqualTo(503);
        assertThat(gone.json().get("error").stringValue()).contains("not ready");
        assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);

        // a model that fails to load keeps the server unready until it is unloaded
        Http.Response broken = http.post("/v2/repository/models/broken/load", new byte[0], "Authorization", auth);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").stringValue()).contains("invalid");
        Http.Response notReady = http.get("/v2/health/ready");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("error").stringValue()).contains("broken");
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(http.post("/v2/repository/models/broken/unload", new byte[0], "Authorization", auth).status()).isEqualTo(200);
        assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(http.post("/v2/repository/models/nope/load", new byte[0], "Authorization", auth).status()).isEqualTo(404);
    }

    @Test
    void reloadUnderContinuousLoadFailsNothing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int seed = c;
            clients.add(pool.submit(() -> {
                int i = seed;
                while (!stop.get()) {
                    int k = i++ % N;
                    Http.Response r = http.postJson("/v2/models/hot/infer", Http.inferJson(input(k), 1, N));
                    if (r.status() != 200 || predicted(r) != k) {
                        failures.add(r.status() + " " + r.text());
                    } else {
                        ok.incrementAndGet();
                        versionsSeen.add(r.json().get("model_version").stringValue());
                    }
                }
            }));
        }
        try {
            waitFor(() -> ok.get() > 20);
            for (int v = 2; v <= 4; v++) {
                Http.Response up = http.put("/v2/repository/models/hot/versions/" + v,
                        ModelWriter.toBytes(ServiceTestModels.argmax("hot", N)), AUTH);
                assertThat(up.status()).as(up.text()).isEqualTo(200);
                int before = ok.get();
                waitFor(() -> ok.get() > before + 20);
            }
            // plain reload of the same version under load, too
            assertThat(http.post("/v2/repository/models/hot/load", new byte[0], "Authorization", "Bearer test-token").status())
                    .isEqualTo(200);
            int before = ok.get();
            waitFor(() -> ok.get() > before + 20);
        } finally {
            stop.set(true);
            for (Future<?> f : clients) {
                f.get();
            }
            pool.shutdown();
        }
        assertThat(failures).isEmpty();
        assertThat(versionsSeen).contains("1", "4");
    }

    @Test
    void sixtyFourConcurrentClientsAllGetCorrectAnswers() throws Exception {
        int clients = 64;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicInteger correct = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    int k = (id * 7 + i) % N;
                    Http.Response r = http.postJson("/v2/models/crowd/infer", Http.inferJson(input(k), 1, N));
                    if (r.status() == 200 && predicted(r) == k) {
                        correct.incrementAndGet();
                    } else {
                        firstFailure.compareAndSet(null, "client " + id + ": " + r.status() + " " + r.text());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(firstFailure.get()).isNull();
        assertThat(correct.get()).isEqualTo(clients * each);
        // concurrent requests were batched together at least once
        JsonNode batches = http.get("/v2/models/crowd/stats").json().get("model_stats").get(0).get("batch_stats");
        int largest = 0;
        for (JsonNode b : batches) {
            largest = Math.max(largest, b.get("batch_size").intValue());
        }
        assertThat(largest).isGreaterThan(1);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
