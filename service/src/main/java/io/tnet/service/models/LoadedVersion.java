package io.tnet.service.models;

import io.tnet.model.Model;
import io.tnet.service.ServiceException;
import io.tnet.service.backend.BatchResult;
import io.tnet.service.backend.CircuitBreaker;
import io.tnet.service.backend.PreparedModel;
import io.tnet.service.metrics.TnetMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model version loaded on a backend and serving: runs requests (batched or directly), falls back
 * to the CPU when an accelerator fails, counts in-flight requests, and closes its backend handles
 * only after the last in-flight request finished once it has been retired (reload, unload, shutdown).
 *
 * <p>Without batching, requests compute on their own threads, but at most {@code computeSlots} at a
 * time across the service (one per processor): more would only time-slice the same cores and stretch
 * every request's latency; the wait counts as queue time.
 *
 * <p>Callers bracket each request with {@link #acquire()} / {@link #release()}; a failed acquire
 * means the version was retired in between and the caller resolves the model again.
 */
public final class LoadedVersion {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedVersion.class);

    private final String modelName;
    private final int version;
    private final PreparedModel primary;
    private final PreparedModel fallback;
    private final CircuitBreaker breaker;
    private final ModelSettings.Batching batching;
    private final VersionStats stats;
    private final TnetMetrics metrics;
    private final String dispatchReason;
    private final Map<String, TnetMetrics.VersionMeters> meters = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Batcher batcher;
    private final Semaphore directPermits;
    private final Semaphore computeSlots;
    private volatile boolean retired;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    LoadedVersion(String modelName, int version, PreparedModel primary, PreparedModel fallback, CircuitBreaker breaker,
                  ModelSettings.Batching batching, VersionStats stats, TnetMetrics metrics, String dispatchReason,
                  Semaphore computeSlots) {
        this.modelName = modelName;
        this.version = version;
        this.primary = primary;
        this.fallback = fallback;
        this.breaker = breaker;
        this.batching = batching;
        this.stats = stats;
        this.metrics = metrics;
        this.dispatchReason = dispatchReason;
        this.computeSlots = computeSlots;
        if (batching.enabled()) {
            this.batcher = new Batcher(batching, inFlight::get, this::runItems);
            this.directPermits = null;
        } else {
            this.batcher = null;
            this.directPermits = new Semaphore(batching.maxQueueSize());
        }
    }

    public String modelName() {
        return modelName;
    }

    public int version() {
        return version;
    }

    public Model model() {
        return primary.model();
    }

    /** Backend chosen at load time (requests may still run on the CPU fallback). */
    public String backend() {
        return primary.backend();
    }

    public String dispatchReason() {
        return dispatchReason;
    }

    public ModelSettings.Batching batching() {
        return batching;
    }

    public VersionStats stats() {
        return stats;
    }

    /** Requests accepted and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Meters of this version on {@code backend}. */
    public TnetMetrics.VersionMeters meters(String backend) {
        return meters.computeIfAbsent(backend, b -> metrics.forVersion(modelName, Integer.toString(version), b));
    }

    /** Registers a request; false when the version was retired meanwhile. */
    public boolean acquire() {
        inFlight.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    /** Ends a request begun with a successful {@link #acquire()}. */
    public void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.complete(null);
        }
    }

    /**
     * Runs {@code samples} rows of raw input. Must be called between {@link #acquire()} and
     * {@link #release()}.
     *
     * @throws ServiceException 429 when the queue is full, 503 on timeout, 500 when the backend failed
     */
    public Execution infer(float[] raw, int samples) {
        if (batcher == null) {
            if (!directPermits.tryAcquire()) {
                throw new ServiceException(ServiceException.Status.TOO_MANY_REQUESTS,
                        "too many concurrent requests (" + batching.maxQueueSize() + "); retry later");
            }
            Batcher.Item item = new Batcher.Item(raw, samples);
            computeSlots.acquireUninterruptibly();
            try {
                runItems(List.of(item), samples);
                return item.future.join();
            } finally {
                computeSlots.release();
                directPermits.release();
            }
        }
        return batcher.execute(raw, samples, "model " + modelName);
    }

    /** Runs a batch of items and completes their futures (on the batch leader's thread, or directly). */
    private void runItems(List<Batcher.Item> items, int samples) {
        long start = System.nanoTime();
        int in = model().input().shape().size();
        int out = model().output().shape().size();
        float[] raw;
        if (items.size() == 1) {
            raw = items.getFirst().raw;
        } else {
            raw = new float[samples * in];
            int off = 0;
            for (Batcher.Item it : items) {
                System.arraycopy(it.raw, 0, raw, off, it.samples * in);
                off += it.samples * in;
            }
        }
        PreparedModel used = primary;
        BatchResult result;
        if (fallback != null && breaker.isOpen()) {
            used = fallback;
        }
        try {
            result = used.run(raw, samples);
        } catch (RuntimeException e) {
            if (fallback == null || used == fallback) {
                throw e;
            }
            LOG.warn("{} v{}: backend {} failed, tripping its breaker and running on {}: {}",
                    modelName, version, used.backend(), fallback.backend(), e.toString());
            breaker.trip(e.toString());
            used = fallback;
            result = used.run(raw, samples);
        }
        var stats = result.stats();
        TnetMetrics.VersionMeters m = meters(used.backend());
        m.batch(samples, stats.computeNanos(), stats.energyJoules(), stats.energySource());
        this.stats.batch(samples, stats.computeNanos());
        int off = 0;
        for (Batcher.Item it : items) {
            float[] logits = new float[it.samples * out];
            System.arraycopy(result.logits(), off * out, logits, 0, logits.length);
            off += it.samples;
            long queued = Math.max(0, start - it.enqueuedAt);
            double share = stats.energyJoules() * it.samples / samples;
            Execution ex = new Execution(logits, used.backend(), queued, stats.computeNanos(), samples, share,
                    stats.energySource(), stats.deviceCycles(), stats.deviceNanos());
            m.queued(queued);
            this.stats.queue(queued);
            m.energy(share, ex.powerWatts(), stats.energySource());
            it.future.complete(ex);
        }
    }

    /**
     * Stops taking new requests; once the in-flight ones finished (or {@code drainTimeout} passed),
     * stops batching and closes the backend handles. Returns when closed.
     */
    CompletableFuture<Void> retire(Duration drainTimeout) {
        retired = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        return drained.completeOnTimeout(null, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(this::close);
    }

    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        primary.close();
        if (fallback != null) {
            fallback.close();
        }
        LOG.info("{} v{}: retired and closed", modelName, version);
    }
}
