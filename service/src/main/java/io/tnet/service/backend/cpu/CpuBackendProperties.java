package io.tnet.service.backend.cpu;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CPU backend ({@code tnet.backend.cpu.*}).
 *
 * @param threads kernel worker threads per batch; {@code 0} means one per available processor
 */
@ConfigurationProperties("tnet.backend.cpu")
public record CpuBackendProperties(@DefaultValue("0") int threads) {

    public CpuBackendProperties {
        if (threads < 0) {
            throw new IllegalArgumentException("tnet.backend.cpu.threads must be >= 0, got " + threads);
        }
    }

    /** Effective thread count. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
