package io.tnet.service.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tnet.model.Model;
import io.tnet.service.metrics.TnetMetrics;
import io.tnet.service.support.ServiceTestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backend choice under cpu / fpga / auto policies. */
class DispatcherTest {

    final Model model = ServiceTestModels.argmax("m", 4);
    final FakeBackend cpu = new FakeBackend("cpu");
    final FakeBackend fpga = new FakeBackend("fpga");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void withoutAnFpgaBackendAutoTakesCpuAndFpgaIsUnavailable() {
        Dispatcher d = new Dispatcher(List.of(cpu), new TnetMetrics(registry));
        Dispatcher.Selection s = d.select("auto", model);
        assertThat(s.primary()).isSameAs(cpu);
        assertThat(s.fallback()).isEmpty();
        assertThat(s.reason()).contains("unavailable: no fpga backend");
        assertThatThrownBy(() -> d.select("fpga", model)).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("unavailable: no fpga backend");
        assertThat(d.describe()).containsEntry("cpu", "available").containsKey("fpga");
        assertThat(d.describe().get("fpga")).startsWith("unavailable:");
        assertThat(registry.get(TnetMetrics.BACKEND_UP).tag("backend", "fpga").gauge().value()).isZero();
        assertThat(registry.get(TnetMetrics.BACKEND_UP).tag("backend", "cpu").gauge().value()).isEqualTo(1);
    }

    @Test
    void autoPrefersAHealthyCompatibleFpgaWithCpuFallback() {
        Dispatcher d = new Dispatcher(List.of(cpu, fpga), new TnetMetrics(registry));
        Dispatcher.Selection s = d.select("auto", model);
        assertThat(s.primary()).isSameAs(fpga);
        assertThat(s.fallback()).containsSame(cpu);
        assertThat(d.select("cpu", model).primary()).isSameAs(cpu);
        assertThat(d.select(null, model).primary()).isSameAs(fpga);
    }

    @Test
    void autoFallsBackToCpuWhenFpgaIsDownIncompatibleOrTripped() {
        Dispatcher d = new Dispatcher(List.of(cpu, fpga), new TnetMetrics(registry));
        fpga.availability = Availability.unavailable("no device /dev/xdma0");
        assertThat(d.select("auto", model).primary()).isSameAs(cpu);
        assertThat(d.select("auto", model).reason()).contains("no device /dev/xdma0");
        assertThatThrownBy(() -> d.select("fpga", model)).hasMessage("unavailable: no device /dev/xdma0");
        fpga.availability = Availability.up();
        fpga.compatibility = Compatibility.no("Conv2d is not supported");
        assertThat(d.select("auto", model).primary()).isSameAs(cpu);
        assertThatThrownBy(() -> d.select("fpga", model)).hasMessageContaining("Conv2d is not supported");
        fpga.compatibility = Compatibility.yes();
        d.breaker("fpga").trip("DMA timeout");
        assertThat(d.select("auto", model).primary()).isSameAs(cpu);
        assertThat(d.describe().get("fpga")).contains("circuit breaker open");
        assertThat(registry.get(TnetMetrics.BACKEND_UP).tag("backend", "fpga").gauge().value()).isZero();
    }

    @Test
    void unknownPolicyIsRefused() {
        Dispatcher d = new Dispatcher(List.of(cpu), new TnetMetrics(registry));
        assertThatThrownBy(() -> d.select("gpu", model)).hasMessageContaining("unknown backend 'gpu'");
    }

    @Test
    void aCpuBackendIsRequired() {
        assertThatThrownBy(() -> new Dispatcher(List.of(fpga), new TnetMetrics(registry)))
                .hasMessageContaining("no cpu backend");
    }
}
