package io.tnet.service.backend.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.fpga.gen.CycleModel;
import io.tnet.fpga.gen.ModelPacker;
import io.tnet.service.models.ModelSource;
import io.tnet.service.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The fpga backend through the service on the {@code mock:} transport with an injected fault: the
 * first runs answer on the accelerator with device cycles and device time, then the device wedges;
 * the request that hits the timeout is answered by the CPU (nothing lost), the breaker opens and
 * {@code tnet_backend_up{backend="fpga"}} drops to 0.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tnet.backend.fpga.device=mock", "tnet.backend.fpga.mock-options=hang_after=3",
        "tnet.backend.fpga.timeout=300ms", "tnet.backend.fpga.clock-mhz=250"})
class FpgaBackendFaultHttpTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Repo {
        @Bean
        @Primary
        ModelSource fpgaTestSource() {
            return FpgaTestModels.source("auto");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FpgaBackend backend;

    private JsonNode infer(Http http, String model, float[] x) {
        Http.Response r = http.postJson("/v2/models/" + model + "/infer", Http.inferJson(x, 1, x.length));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void deviceFaultTripsTheBreakerToCpuWithoutLosingRequests() {
        Http http = new Http(port);
        assertThat(backend.availability().available()).isTrue();
        assertThat(http.get("/v2").json().get("backends").get("fpga").asString()).isEqualTo("available");

        long cycles = CycleModel.cycles(ModelPacker.pack(FpgaTestModels.TN, AcceleratorConfig.DEFAULT), 1);
        for (int k = 0; k < 3; k++) {
            float[] x = FpgaTestModels.sample(k, 40);
            JsonNode r = infer(http, "tn", x);
            JsonNode p = r.get("parameters");
            assertThat(p.get("backend").asString()).isEqualTo("fpga");
            assertThat(p.get("energy_source").asString()).isEqualTo("model");
            assertThat(p.get("device_cycles").asLong()).isEqualTo(cycles);
            assertThat(p.get("device_time_ns").asLong()).isEqualTo(cycles * 4); // 250 MHz
            assertThat(p.get("energy_joules").asDouble()).isPositive();
            assertThat(FpgaTestModels.floats(r.get("outputs").get(0).get("data")))
                    .isEqualTo(FpgaTestModels.reference(FpgaTestModels.TN, x));
        }
        // the 4th run never completes: the CPU answers the same request, bit-exact
        float[] x = FpgaTestModels.sample(99, 40);
        JsonNode rescued = infer(http, "tn", x);
        assertThat(rescued.get("parameters").get("backend").asString()).isEqualTo("cpu");
        assertThat(rescued.get("parameters").has("device_cycles")).isFalse();
        assertThat(FpgaTestModels.floats(rescued.get("outputs").get(0).get("data")))
                .isEqualTo(FpgaTestModels.reference(FpgaTestModels.TN, x));
        assertThat(infer(http, "tn", x).get("parameters").get("backend").asString()).isEqualTo("cpu");

        String prom = http.get("/actuator/prometheus").text();
        assertThat(prom).containsPattern("tnet_backend_up\\{[^}]*backend=\"fpga\"[^}]*\\} 0\\.0");
        assertThat(prom).containsPattern("tnet_backend_up\\{[^}]*backend=\"cpu\"[^}]*\\} 1\\.0");
        assertThat(http.get("/v2").json().get("backends").get("fpga").asString()).contains("circuit breaker open");
    }

    @Test
    void floatModelsFallBackToCpuWithTheReason() {
        Http http = new Http(port);
        float[] x = FpgaTestModels.sample(3, 16);
        JsonNode r = infer(http, "flt", x);
        assertThat(r.get("parameters").get("backend").asString()).isEqualTo("cpu");
        assertThat(backend.compatibility(FpgaTestModels.FLOAT).reason()).contains("INT8 models only");
    }
}
