package io.tnet.service.support;

import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelSettings.Batching;
import io.tnet.service.models.ModelSettings.VersionPolicy;
import io.tnet.service.models.ModelSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The test repository: the bundled models (the service's real embedded default source) plus {@code argmax} (v1 FLOAT32, v2 INT8, both served), {@code plain} (batching off),
 * {@code slowpoke} on the gated {@link SlowBackend} (queue of 1, batch of 1, 300 ms timeout),
 * {@code random} (a random MLP for comparisons with the reference evaluator), {@code managed}, {@code hot}
 * and {@code crowd} for the lifecycle tests, {@code lazy} (not loaded at start) and {@code broken}
 * (an invalid file, not loaded at start).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRepositoryConfig {

    public static final int N = 10;

    @Bean
    @Primary
    public ModelSource testModelSource(@Qualifier("modelSource") ModelSource bundled) {
        Batching batching = ModelSettings.DEFAULT_BATCHING;
        return new CompositeModelSource(memory(batching), bundled);
    }

    private static InMemoryModelSource memory(Batching batching) {
        return new InMemoryModelSource()
                .put("argmax", 1, ServiceTestModels.argmax("argmax", N))
                .put("argmax", 2, ServiceTestModels.argmaxInt8("argmax", N))
                .settings("argmax", new ModelSettings("auto", new VersionPolicy.All(), batching, true))
                .put("plain", 1, ServiceTestModels.argmax("plain", N))
                .settings("plain", new ModelSettings("cpu", new VersionPolicy.Latest(1),
                        new Batching(false, 32, 500, 64, 10_000), true))
                .put("slowpoke", 1, ServiceTestModels.argmax("slowpoke", 4))
                .settings("slowpoke", new ModelSettings("slow", new VersionPolicy.Latest(1),
                        new Batching(true, 1, 0, 1, 300), true))
                .put("random", 1, ServiceTestModels.randomMlp("random", 16, 12, 5, 42))
                .put("random", 2, ServiceTestModels.randomMlpInt8("random", 16, 12, 5, 43))
                .settings("random", new ModelSettings("auto", new VersionPolicy.All(), batching, true))
                .put("managed", 1, ServiceTestModels.argmax("managed", N))
                .put("hot", 1, ServiceTestModels.argmax("hot", N))
                .put("crowd", 1, ServiceTestModels.argmax("crowd", N))
                .put("lazy", 1, ServiceTestModels.argmax("lazy", N))
                .settings("lazy", new ModelSettings("auto", new VersionPolicy.Latest(1), batching, false))
                .putBytes("broken", 1, "not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .settings("broken", new ModelSettings("auto", new VersionPolicy.Latest(1), batching, false));
    }

    @Bean
    public SlowBackend slowBackend() {
        return new SlowBackend();
    }
}
