package io.tnet.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.service.backend.cpu.CpuBackendProperties;
import io.tnet.service.energy.EnergyProperties;
import io.tnet.service.inference.InferenceProperties;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Every feature's properties record binds with its documented defaults and overrides. */
class PropertiesBinderTest {

    static Binder binder(Map<String, String> props) {
        return new Binder(new MapConfigurationPropertySource(props));
    }

    @Test
    void defaults() {
        Binder b = binder(Map.of());
        ModelsProperties m = b.bindOrCreate("tnet.models", ModelsProperties.class);
        assertThat(m.repository()).isNull();
        assertThat(m.backend()).isEmpty();
        assertThat(m.auth().token()).isEmpty();
        assertThat(m.auth().protectInference()).isFalse();
        assertThat(m.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.batching().apply(ModelSettings.DEFAULT_BATCHING)).isEqualTo(ModelSettings.DEFAULT_BATCHING);
        EnergyProperties e = b.bindOrCreate("tnet.energy", EnergyProperties.class);
        assertThat(e.raplEnabled()).isTrue();
        assertThat(e.powercapRoot()).isEqualTo(Path.of("/sys/class/powercap"));
        assertThat(e.wattsPerCore()).isEqualTo(10.0);
        assertThat(b.bindOrCreate("tnet.inference", InferenceProperties.class).maxRequestSize().toMegabytes()).isEqualTo(16);
        assertThat(b.bindOrCreate("tnet.backend.cpu", CpuBackendProperties.class).effectiveThreads())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(b.bindOrCreate("tnet.backend.cpu", CpuBackendProperties.class).warmup())
                .isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void overrides() {
        Binder b = binder(Map.of("tnet.models.repository", "/srv/models", "tnet.models.backend", "cpu",
                "tnet.models.batching.enabled", "false", "tnet.models.batching.max-batch-size", "8",
                "tnet.models.auth.token", "s3cret", "tnet.energy.watts-per-core", "3.5",
                "tnet.inference.max-request-size", "1MB", "tnet.backend.cpu.threads", "1",
                "tnet.backend.cpu.warmup", "250ms"));
        ModelsProperties m = b.bindOrCreate("tnet.models", ModelsProperties.class);
        assertThat(m.repository()).isEqualTo(Path.of("/srv/models"));
        assertThat(m.backend()).isEqualTo("cpu");
        ModelSettings.Batching applied = m.batching().apply(ModelSettings.DEFAULT_BATCHING);
        assertThat(applied.enabled()).isFalse();
        assertThat(applied.maxBatchSize()).isEqualTo(8);
        assertThat(applied.maxQueueDelayMicros()).isEqualTo(ModelSettings.DEFAULT_BATCHING.maxQueueDelayMicros());
        assertThat(m.auth().token()).isEqualTo("s3cret");
        assertThat(b.bindOrCreate("tnet.energy", EnergyProperties.class).wattsPerCore()).isEqualTo(3.5);
        assertThat(b.bindOrCreate("tnet.inference", InferenceProperties.class).maxRequestSize().toBytes()).isEqualTo(1 << 20);
        assertThat(b.bindOrCreate("tnet.backend.cpu", CpuBackendProperties.class).effectiveThreads()).isEqualTo(1);
        assertThat(b.bindOrCreate("tnet.backend.cpu", CpuBackendProperties.class).warmup()).isEqualTo(java.time.Duration.ofMillis(250));
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> binder(Map.of("tnet.energy.watts-per-core", "-1")).bindOrCreate("tnet.energy", EnergyProperties.class))
                .rootCause().hasMessageContaining("tnet.energy.watts-per-core");
        assertThatThrownBy(() -> binder(Map.of("tnet.backend.cpu.threads", "-2")).bindOrCreate("tnet.backend.cpu", CpuBackendProperties.class))
                .rootCause().hasMessageContaining("tnet.backend.cpu.threads");
    }
}
