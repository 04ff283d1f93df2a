package io.tnet.service.backend.cpu;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CPU backend ({@code tnet.backend.cpu.*}).
 *
 * @param threads kernel worker threads per batch; {@code 0} means one per available processor
 * @param warmup  time spent per loaded model version running dummy batches before it is reported ready, so
 *                the JIT has compiled the Vector API loops (until then they run 100-1000x slower);
 *                {@code 0s} disables it
 */
@ConfigurationProperties("tnet.backend.cpu")
public record CpuBackendProperties(@DefaultValue("0") int threads, @DefaultValue("1s") Duration warmup) {

    public CpuBackendProperties {
        if (threads < 0) {
            throw new IllegalArgumentException("tnet.backend.cpu.threads must be >= 0, got " + threads);
        }
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("tnet.backend.cpu.warmup must be a non-negative duration, got " + warmup);
        }
    }

    /** Effective thread count. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
