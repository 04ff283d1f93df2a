package io.tnet.model.repository;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A model's {@code config.json}: preferred backend, version policy, batching and whether to load it
 * at service start. Every field is optional in the file; {@link #DEFAULTS} holds the defaults.
 * {@link ModelConfigJson} reads and writes the JSON (see {@code docs/model-format.md}).
 *
 * @param backend       where to run the model; {@code AUTO} = the FPGA when present, compatible and
 *                      healthy, else the CPU
 * @param versionPolicy which versions of the model to serve (Triton's semantics)
 * @param batching      dynamic batching settings
 * @param load          load the model when the service starts
 */
public record ModelConfig(Backend backend, VersionPolicy versionPolicy, Batching batching, boolean load) {

    /** {@code auto}, latest 1 version, default batching, load at start. */
    public static final ModelConfig DEFAULTS = new ModelConfig(Backend.AUTO, new VersionPolicy.Latest(1),
            Batching.DEFAULTS, true);

    public ModelConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(versionPolicy, "versionPolicy");
        Objects.requireNonNull(batching, "batching");
    }

    /** Preferred backend, spelt in lower case in the file. */
    public enum Backend {
        AUTO, CPU, FPGA;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which of the versions present in the repository are served. */
    public sealed interface VersionPolicy {

        /** The served versions among {@code available}, ascending. */
        List<Integer> select(Collection<Integer> available);

        /** The {@code numVersions} highest versions. */
        record Latest(int numVersions) implements VersionPolicy {
            public Latest {
                if (numVersions < 1) {
                    throw new IllegalArgumentException("numVersions must be >= 1, got " + numVersions);
                }
            }

            @Override
            public List<Integer> select(Collection<Integer> available) {
                List<Integer> sorted = available.stream().sorted().toList();
                return sorted.subList(Math.max(0, sorted.size() - numVersions), sorted.size());
            }
        }

        /** Every version present. */
        record All() implements VersionPolicy {
            @Override
            public List<Integer> select(Collection<Integer> available) {
                return available.stream().sorted().toList();
            }
        }

        /** Exactly the listed versions (those that exist). */
        record Specific(List<Integer> versions) implements VersionPolicy {
            public Specific {
                versions = List.copyOf(versions);
                if (versions.isEmpty() || versions.stream().anyMatch(v -> v < 1)) {
                    throw new IllegalArgumentException("specific versions must be a non-empty list of positive integers, got "
                            + versions);
                }
            }

            @Override
            public List<Integer> select(Collection<Integer> available) {
                return available.stream().filter(versions::contains).sorted().toList();
            }
        }
    }

    /**
     * Dynamic batching: requests wait up to {@code maxQueueDelayMicros} to be grouped into batches of at
     * most {@code maxBatchSize}; at most {@code maxQueueSize} wait (more are rejected), and a request
     * fails after {@code timeoutMillis}.
     */
    public record Batching(boolean enabled, int maxBatchSize, long maxQueueDelayMicros, int maxQueueSize,
                           long timeoutMillis) {

        public static final Batching DEFAULTS = new Batching(true, 32, 500, 1024, 10_000);

        public Batching {
            if (maxBatchSize < 1 || maxQueueDelayMicros < 0 || maxQueueSize < 1 || timeoutMillis < 1) {
                throw new IllegalArgumentException("batching needs maxBatchSize >= 1, maxQueueDelayMicros >= 0, "
                        + "maxQueueSize >= 1, timeoutMillis >= 1; got " + maxBatchSize + ", " + maxQueueDelayMicros
                        + ", " + maxQueueSize + ", " + timeoutMillis);
            }
        }
    }
}
