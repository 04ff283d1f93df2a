package io.tnet.service.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tnet.service.metrics.TnetMetrics;
import io.tnet.service.models.Execution;
import io.tnet.service.models.LoadedVersion;
import io.tnet.service.models.ModelManager;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelsProperties;
import io.tnet.service.support.InMemoryModelSource;
import io.tnet.service.support.ServiceTestModels;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A failing accelerator trips its breaker; the request and the following ones run on the CPU. */
class FallbackTest {

    @Test
    void deviceFaultFallsBackToCpuWithoutLosingTheRequest() {
        FakeBackend cpu = new FakeBackend("cpu");
        FakeBackend fpga = new FakeBackend("fpga");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TnetMetrics metrics = new TnetMetrics(registry);
        Dispatcher dispatcher = new Dispatcher(List.of(cpu, fpga), metrics);
        InMemoryModelSource source = new InMemoryModelSource().put("m", 1, ServiceTestModels.argmax("m", 4))
                .settings("m", new ModelSettings("auto", new ModelSettings.VersionPolicy.Latest(1),
                        new ModelSettings.Batching(false, 8, 0, 16, 1000), true));
        ModelsProperties props = new ModelsProperties(null, "", new ModelsProperties.Batching(null, null, null, null, null),
                new ModelsProperties.Auth("", null, false), DataSize.ofMegabytes(1), Duration.ofSeconds(5));
        ModelManager manager = new ModelManager(source, dispatcher, metrics, props);
        manager.start();
        try {
            LoadedVersion v = manager.acquire("m", Optional.empty());
            assertThat(v.backend()).isEqualTo("fpga");
            Execution ok = v.infer(new float[]{0, 3, 1, 0}, 1);
            assertThat(ok.backend()).isEqualTo("fpga");
            assertThat(ok.energySource()).isEqualTo(EnergySource.SIM);

            fpga.failing.set(true);
            Execution rescued = v.infer(new float[]{0, 0, 5, 1}, 1);
            assertThat(rescued.backend()).isEqualTo("cpu");
            assertThat(rescued.logits()[2]).isEqualTo(5f);
            assertThat(dispatcher.breaker("fpga").isOpen()).isTrue();
            int fpgaRuns = fpga.runs.get();
            assertThat(v.infer(new float[]{1, 0, 0, 0}, 1).backend()).isEqualTo("cpu");
            assertThat(fpga.runs.get()).isEqualTo(fpgaRuns); // breaker open: not even tried
            v.release();
            assertThat(registry.get(TnetMetrics.BACKEND_UP).tag("backend", "fpga").gauge().value()).isZero();
            assertThat(registry.get(TnetMetrics.COMPUTE_DURATION).tag("backend", "cpu").tag("model", "m").timer().count())
                    .isEqualTo(2);
        } finally {
            manager.stop();
        }
        assertThat(cpu.closed.get()).isEqualTo(1);
        assertThat(fpga.closed.get()).isEqualTo(1);
    }
}
