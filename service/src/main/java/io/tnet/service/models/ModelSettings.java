package io.tnet.service.models;

import java.util.List;

/**
 * The service's view of one model's {@code config.json}: preferred backend, version policy, batching
 * and whether to load at start. Mirrors the repository's {@code ModelConfig} with the service-wide
 * defaults applied.
 *
 * @param backend       {@code auto}, {@code cpu} or {@code fpga}
 * @param versionPolicy which of the repository's versions to serve
 * @param batching      dynamic batching settings
 * @param load          load this model when the service starts
 */
public record ModelSettings(String backend, VersionPolicy versionPolicy, Batching batching, boolean load) {

    /** Batching defaults of the repository contract: on, 32 samples, 500 us, 1024 queued, 10 s. */
    public static final Batching DEFAULT_BATCHING = new Batching(true, 32, 500, 1024, 10_000);

    /** Defaults of a model without {@code config.json}. */
    public static final ModelSettings DEFAULTS = new ModelSettings("auto", new VersionPolicy.Latest(1),
            DEFAULT_BATCHING, true);

    /**
     * Dynamic batching of one model version.
     *
     * @param enabled             collect concurrent requests into batches; when false each request runs alone
     * @param maxBatchSize        samples per batch at most
     * @param maxQueueDelayMicros how long the first request of a batch waits for more
     * @param maxQueueSize        requests accepted and not yet started; beyond it requests get 429
     * @param timeoutMillis       a request not answered within this time gets 503
     */
    public record Batching(boolean enabled, int maxBatchSize, long maxQueueDelayMicros, int maxQueueSize,
                           long timeoutMillis) {
        public Batching {
            if (maxBatchSize < 1 || maxQueueDelayMicros < 0 || maxQueueSize < 1 || timeoutMillis < 1) {
                throw new IllegalArgumentException("batching needs maxBatchSize >= 1, maxQueueDelayMicros >= 0, "
                        + "maxQueueSize >= 1, timeoutMillis >= 1; got " + maxBatchSize + ", " + maxQueueDelayMicros
                        + ", " + maxQueueSize + ", " + timeoutMillis);
            }
        }
    }

    /** Which versions of a model to serve (Triton's version policy). */
    public sealed interface VersionPolicy {

        /** Selects the versions to serve among {@code available} (ascending). */
        List<Integer> select(List<Integer> available);

        /** The newest {@code numVersions} versions. */
        record Latest(int numVersions) implements VersionPolicy {
            public Latest {
                if (numVersions < 1) {
                    throw new IllegalArgumentException("versionPolicy.latest.numVersions must be >= 1, got " + numVersions);
                }
            }

            @Override
            public List<Integer> select(List<Integer> available) {
                List<Integer> sorted = available.stream().sorted().toList();
                return sorted.subList(Math.max(0, sorted.size() - numVersions), sorted.size());
            }
        }

        /** Every version in the repository. */
        record All() implements VersionPolicy {
            @Override
            public List<Integer> select(List<Integer> available) {
                return available.stream().sorted().toList();
            }
        }

        /** Exactly these versions (those present). */
        record Specific(List<Integer> versions) implements VersionPolicy {
            public Specific {
                versions = List.copyOf(versions);
            }

            @Override
            public List<Integer> select(List<Integer> available) {
                return available.stream().filter(versions::contains).sorted().toList();
            }
        }
    }
}
