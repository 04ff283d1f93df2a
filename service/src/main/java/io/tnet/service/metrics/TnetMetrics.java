package io.tnet.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tnet.service.backend.EnergySource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The one place where the service's meters are declared. Names are dotted and unit-free; the base unit
 * is declared here and Prometheus appends it. Every latency, size, energy and power meter is a
 * Prometheus <em>histogram</em> (explicit buckets), never a summary, so it can be aggregated across
 * instances. Tags are low-cardinality: {@code model}, {@code version}, {@code backend}, plus
 * {@code outcome} on the request counter and {@code source} on energy and power.
 *
 * <table>
 * <caption>Meters (Prometheus names)</caption>
 * <tr><td>tnet_inference_requests_total</td><td>counter</td><td>model, version, backend, outcome</td></tr>
 * <tr><td>tnet_inference_request_duration_seconds</td><td>histogram</td><td>model, version, backend</td></tr>
 * <tr><td>tnet_inference_queue_duration_seconds</td><td>histogram</td><td>model, version, backend</td></tr>
 * <tr><td>tnet_inference_compute_duration_seconds</td><td>histogram (per batch)</td><td>model, version, backend</td></tr>
 * <tr><td>tnet_inference_pending_requests</td><td>gauge</td><td>model, version, backend</td></tr>
 * <tr><td>tnet_inference_batch_size</td><td>histogram (samples per batch)</td><td>model, version, backend</td></tr>
 * <tr><td>tnet_inference_energy_joules</td><td>histogram (per request)</td><td>model, version, backend, source</td></tr>
 * <tr><td>tnet_inference_power_watts</td><td>histogram (per request)</td><td>model, version, backend, source</td></tr>
 * <tr><td>tnet_backend_energy_joules_total</td><td>counter</td><td>model, version, backend, source</td></tr>
 * <tr><td>tnet_backend_power_watts</td><td>gauge (mean over the last window)</td><td>backend, source</td></tr>
 * <tr><td>tnet_backend_up</td><td>gauge 1/0</td><td>backend</td></tr>
 * <tr><td>tnet_model_ready</td><td>gauge 1/0</td><td>model, version, backend</td></tr>
 * </table>
 */
@Component
public class TnetMetrics {

    public static final String REQUESTS = "tnet.inference.requests";
    public static final String REQUEST_DURATION = "tnet.inference.request.duration";
    public static final String QUEUE_DURATION = "tnet.inference.queue.duration";
    public static final String COMPUTE_DURATION = "tnet.inference.compute.duration";
    public static final String PENDING = "tnet.inference.pending.requests";
    public static final String BATCH_SIZE = "tnet.inference.batch.size";
    public static final String ENERGY = "tnet.inference.energy";
    public static final String POWER = "tnet.inference.power";
    public static final String BACKEND_ENERGY = "tnet.backend.energy";
    public static final String BACKEND_POWER = "tnet.backend.power";
    public static final String BACKEND_UP = "tnet.backend.up";
    public static final String MODEL_READY = "tnet.model.ready";

    /** Latency buckets: 50 us to 10 s. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    /** Energy per request: 100 nJ to 1 J. */
    private static final double[] ENERGY_BUCKETS = {1e-7, 1e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 1e-1, 1};
    /** Average power while a request computed: 0.1 W to 500 W. */
    private static final double[] POWER_BUCKETS = {0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};
    /** Window of {@code tnet_backend_power_watts}. */
    static final long POWER_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final MeterRegistry registry;
    private final Map<String, PowerWindow> powerWindows = new ConcurrentHashMap<>();

    public TnetMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one (model, version, backend); look up once and keep. */
    public VersionMeters forVersion(String model, String version, String backend) {
        return new VersionMeters(model, version, backend);
    }

    /** Registers {@code tnet_backend_up{backend}} reading {@code up} (1 or 0) at each scrape. */
    public void backendUp(String backend, Supplier<Boolean> up) {
        Gauge.builder(BACKEND_UP, up, s -> s.get() ? 1 : 0)
                .description("1 when the backend is available and its circuit breaker closed")
                .tag("backend", backend).strongReference(true).register(registry);
    }

    /** Registers {@code tnet_model_ready{model,version,backend}} for a loaded version. */
    public <T> void modelReady(String model, String version, String backend, T state, ToDoubleFunction<T> ready) {
        Gauge.builder(MODEL_READY, state, ready)
                .description("1 while this model version is loaded and serving")
                .tags(Tags.of("model", model, "version", version, "backend", backend))
                .strongReference(true)
                .register(registry);
    }

    /** Meters of one (model, version, backend), created on first use and cached by Micrometer. */
    public final class VersionMeters {
        private final Tags tags;
        private final String backend;
        private final Timer requestDuration;
        private final Timer queueDuration;
        private final Timer computeDuration;
        private final DistributionSummary batchSize;
        private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
        private final Map<EnergySource, DistributionSummary> energy = new ConcurrentHashMap<>();
        private final Map<EnergySource, DistributionSummary> power = new ConcurrentHashMap<>();
        private final Map<EnergySource, Counter> energyTotal = new ConcurrentHashMap<>();

        VersionMeters(String model, String version, String backend) {
            this.backend = backend;
            this.tags = Tags.of("model", model, "version", version, "backend", backend);
            requestDuration = timer(REQUEST_DURATION, "Request latency from arrival to response (successful requests)");
            queueDuration = timer(QUEUE_DURATION, "Time a request waited for its batch to start");
            computeDuration = timer(COMPUTE_DURATION, "Backend compute time of one batch");
            batchSize = DistributionSummary.builder(BATCH_SIZE).description("Samples per executed batch")
                    .tags(tags).serviceLevelObjectives(BATCH_BUCKETS).register(registry);
            for (Outcome o : Outcome.values()) {
                requests.put(o, Counter.builder(REQUESTS).description("Inference requests by outcome")
                        .tags(tags).tag("outcome", o.label()).register(registry));
            }
        }

        private Timer timer(String name, String description) {
            return Timer.builder(name).description(description).tags(tags)
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        }

        /** Registers {@code tnet_inference_pending_requests} for these tags. */
        public <T> void pending(T state, ToDoubleFunction<T> value) {
            Gauge.builder(PENDING, state, value).description("Requests accepted and not yet answered")
                    .tags(tags).strongReference(true).register(registry);
        }

        public void request(Outcome outcome, long durationNanos) {
            requests.get(outcome).increment();
            if (outcome == Outcome.SUCCESS) {
                requestDuration.record(durationNanos, TimeUnit.NANOSECONDS);
            }
        }

        public void queued(long nanos) {
            queueDuration.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** One executed batch: its size, compute time and total energy. */
        public void batch(int size, long computeNanos, double joules, EnergySource source) {
            batchSize.record(size);
            computeDuration.record(computeNanos, TimeUnit.NANOSECONDS);
            energyTotal.computeIfAbsent(source, s -> Counter.builder(BACKEND_ENERGY).baseUnit("joules")
                    .description("Energy attributed to inference on this backend")
                    .tags(tags).tag("source", s.label()).register(registry)).increment(joules);
            powerWindows.computeIfAbsent(backend + "\u0000" + source.label(), k -> {
                PowerWindow w = new PowerWindow();
                Gauge.builder(BACKEND_POWER, w, PowerWindow::watts).baseUnit("watts")
                        .description("Mean power of inference on this backend over the last 10 s")
                        .tags("backend", backend, "source", source.label()).strongReference(true).register(registry);
                return w;
            }).add(joules);
        }

        /** One answered request's share of energy and the mean power while it computed. */
        public void energy(double joules, double watts, EnergySource source) {
            energy.computeIfAbsent(source, s -> DistributionSummary.builder(ENERGY).baseUnit("joules")
                    .description("Energy attributed to one request").tags(tags).tag("source", s.label())
                    .serviceLevelObjectives(ENERGY_BUCKETS).register(registry)).record(joules);
            power.computeIfAbsent(source, s -> DistributionSummary.builder(POWER).baseUnit("watts")
                    .description("Mean power while one request computed").tags(tags).tag("source", s.label())
                    .serviceLevelObjectives(POWER_BUCKETS).register(registry)).record(watts);
        }
    }

    /** Energy added over a sliding window of 10 one-second slots; mean power = energy / window. */
    static final class PowerWindow {
        private static final int SLOTS = 10;
        private final double[] joules = new double[SLOTS];
        private final long[] slotSecond = new long[SLOTS];

        synchronized void add(double j) {
            long second = System.nanoTime() / 1_000_000_000L;
            int i = (int) Math.floorMod(second, (long) SLOTS);
            if (slotSecond[i] != second) {
                slotSecond[i] = second;
                joules[i] = 0;
            }
            joules[i] += j;
        }

        synchronized double watts() {
            long second = System.nanoTime() / 1_000_000_000L;
            double sum = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (second - slotSecond[i] < SLOTS) {
                    sum += joules[i];
                }
            }
            return sum / (POWER_WINDOW_NANOS * 1e-9);
        }
    }
}
