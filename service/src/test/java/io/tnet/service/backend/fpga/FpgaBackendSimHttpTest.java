package io.tnet.service.backend.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.fpga.gen.CycleModel;
import io.tnet.fpga.gen.ModelPacker;
import io.tnet.fpga.gen.PackedModel;
import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelSource;
import io.tnet.service.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fpga backend through the whole service on the {@code sim:} transport: HTTP -> batching ->
 * JNA -> C driver -> Verilated RTL, bit-exact with the reference evaluator, with device cycles equal
 * to the generator's cycle model, device time at the configured clock and the activity energy model
 * ({@code energy_source=sim}). Uses the bundled mnist-tn-mlp (INT8) and the documented example request.
 * The simulation library is shared with the fpga-driver module's tests (same cache directory).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tnet.backend.fpga.device=sim", "tnet.backend.fpga.sim-cache=../fpga-driver/target/sim-cache",
        "tnet.backend.fpga.timeout=60s"})
class FpgaBackendSimHttpTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Model MNIST = ModelReader.read(ROOT.resolve("models/mnist-tn-mlp/2/model.safetensors"));

    @TestConfiguration(proxyBeanMethods = false)
    static class Repo {
        @Bean
        @Primary
        ModelSource fpgaSimSource() {
            return FpgaTestModels.source("fpga")
                    .put("mnist", 2, MNIST)
                    .settings("mnist", new ModelSettings("fpga", new ModelSettings.VersionPolicy.Latest(1),
                            FpgaTestModels.UNBATCHED, true))
                    .put("tnb", 1, FpgaTestModels.TN)
                    .settings("tnb", new ModelSettings("fpga", new ModelSettings.VersionPolicy.Latest(1),
                            new ModelSettings.Batching(true, 8, 20_000, 64, 60_000), true));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FpgaBackend backend;

    @Test
    void bundledMnistMlpRunsOnTheSimulatedRtlBitExact() throws Exception {
        assertThat(backend.availability().describe()).isEqualTo("available");
        assertThat(backend.deviceInfo().orElseThrow().transport()).isEqualTo("sim");
        Http http = new Http(port);
        String request = Files.readString(ROOT.resolve("docs/examples/mnist-tn-mlp.json"));
        JsonNode expected = JsonMapper.builder().build()
                .readTree(Files.readString(ROOT.resolve("docs/examples/mnist-tn-mlp.expected.json")));
        Http.Response r = http.postJson("/v2/models/mnist/infer", request);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode p = r.json().get("parameters");
        assertThat(p.get("backend").asString()).isEqualTo("fpga");
        assertThat(p.get("energy_source").asString()).isEqualTo("sim");
        long cycles = CycleModel.cycles(ModelPacker.pack(MNIST, AcceleratorConfig.DEFAULT), 1);
        assertThat(p.get("device_cycles").asLong()).isEqualTo(cycles);
        assertThat(p.get("device_time_ns").asLong()).isEqualTo(cycles * 5); // 200 MHz nominal
        assertThat(p.get("energy_joules").asDouble()).isPositive();

        JsonNode data = JsonMapper.builder().build().readTree(request).get("inputs").get(0).get("data");
        float[] x = FpgaTestModels.floats(data);
        float[] logits = FpgaTestModels.floats(r.json().get("outputs").get(0).get("data"));
        assertThat(logits).isEqualTo(FpgaTestModels.reference(MNIST, x));
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            best = logits[i] > logits[best] ? i : best;
        }
        assertThat(best).isEqualTo(expected.get("predictedByVersion").get("2").asInt());
    }

    @Test
    void concurrentRequestsAreBatchedOntoTheDeviceAndStayExact() throws Exception {
        Http http = new Http(port);
        PackedModel packed = ModelPacker.pack(FpgaTestModels.TN, AcceleratorConfig.DEFAULT);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                long seed = 1000 + k;
                answers.add(pool.submit(() -> {
                    float[] x = FpgaTestModels.sample(seed, 40);
                    Http.Response r = http.postJson("/v2/models/tnb/infer", Http.inferJson(x, 1, 40));
                    JsonNode p = r.json().get("parameters");
                    return r.status() == 200 && p.get("backend").asString().equals("fpga")
                            && p.get("device_cycles").asLong() == CycleModel.cycles(packed, p.get("batch_size").asInt())
                            && java.util.Arrays.equals(FpgaTestModels.floats(r.json().get("outputs").get(0).get("data")),
                                    FpgaTestModels.reference(FpgaTestModels.TN, x));
                }));
            }
            for (Future<Boolean> a : answers) {
                assertThat(a.get()).isTrue();
            }
        }
    }
}
