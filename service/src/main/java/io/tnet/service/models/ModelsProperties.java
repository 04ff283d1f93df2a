package io.tnet.service.models;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of model management ({@code tnet.models.*}).
 *
 * @param repository          model repository directory; unset = the bundled models embedded in the jar
 *                            (extracted to a temporary directory at start)
 * @param backend             overrides every model's {@code config.json} backend when set ({@code auto},
 *                            {@code cpu}, {@code fpga}); empty = per model
 * @param batching            batching overrides applied on top of every model's {@code config.json}
 * @param auth                bearer-token protection of management (and optionally inference)
 * @param maxUploadSize       largest accepted model upload
 * @param drainTimeout        how long a retired version (reload, unload, shutdown) waits for its in-flight
 *                            requests before it is closed anyway
 */
@ConfigurationProperties("tnet.models")
public record ModelsProperties(
        Path repository,
        @DefaultValue("") String backend,
        @DefaultValue Batching batching,
        @DefaultValue Auth auth,
        @DefaultValue("64MB") DataSize maxUploadSize,
        @DefaultValue("30s") Duration drainTimeout) {

    /**
     * Service-wide batching overrides ({@code tnet.models.batching.*}): each property that is set replaces
     * the corresponding {@code config.json} value of every model (e.g. to benchmark with batching off).
     *
     * @param enabled             dynamic batching on/off
     * @param maxBatchSize        samples per batch at most
     * @param maxQueueDelayMicros wait of the first request for more
     * @param maxQueueSize        bound of the per-version queue (429 beyond)
     * @param timeoutMillis       per-request timeout (503 beyond)
     */
    public record Batching(Boolean enabled, Integer maxBatchSize, Long maxQueueDelayMicros, Integer maxQueueSize,
                           Long timeoutMillis) {

        /** {@code configured} with the overrides that are set applied. */
        public ModelSettings.Batching apply(ModelSettings.Batching configured) {
            return new ModelSettings.Batching(
                    enabled != null ? enabled : configured.enabled(),
                    maxBatchSize != null ? maxBatchSize : configured.maxBatchSize(),
                    maxQueueDelayMicros != null ? maxQueueDelayMicros : configured.maxQueueDelayMicros(),
                    maxQueueSize != null ? maxQueueSize : configured.maxQueueSize(),
                    timeoutMillis != null ? timeoutMillis : configured.timeoutMillis());
        }
    }

    /**
     * Bearer-token protection ({@code tnet.models.auth.*}). Without a token, uploads are refused (403)
     * and load/unload are open, like Triton's repository API.
     *
     * @param token            the bearer token (e.g. from env {@code TNET_MODELS_AUTH_TOKEN})
     * @param tokenFile        a file holding the token (e.g. a mounted Kubernetes secret); wins over {@code token}
     * @param protectInference also require the token for inference and metadata requests
     */
    public record Auth(
            @DefaultValue("") String token,
            Path tokenFile,
            @DefaultValue("false") boolean protectInference) {
    }
}
