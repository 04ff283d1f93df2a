package io.tnet.service.models;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Triton-style statistics of one model version, kept across reloads of the same version number.
 * Thread-safe, lock-free counters.
 */
public final class VersionStats {

    /** A count and a total duration in nanoseconds. */
    public record Duration(long count, long ns) {
    }

    private static final class Pair {
        final LongAdder count = new LongAdder();
        final LongAdder ns = new LongAdder();

        void add(long n) {
            count.increment();
            ns.add(n);
        }

        Duration snapshot() {
            return new Duration(count.sum(), ns.sum());
        }
    }

    private final Pair success = new Pair();
    private final Pair fail = new Pair();
    private final Pair queue = new Pair();
    private final Pair computeInput = new Pair();
    private final Pair computeInfer = new Pair();
    private final Pair computeOutput = new Pair();
    private final LongAdder inferenceCount = new LongAdder();
    private final LongAdder executionCount = new LongAdder();
    private final AtomicLong lastInferenceMillis = new AtomicLong();
    private final Map<Integer, Pair> batches = new ConcurrentHashMap<>();

    public void success(long ns, int samples) {
        success.add(ns);
        inferenceCount.add(samples);
        lastInferenceMillis.set(System.currentTimeMillis());
    }

    public void fail(long ns) {
        fail.add(ns);
    }

    public void queue(long ns) {
        queue.add(ns);
    }

    public void computeInput(long ns) {
        computeInput.add(ns);
    }

    public void computeOutput(long ns) {
        computeOutput.add(ns);
    }

    /** One executed batch. */
    public void batch(int size, long computeNs) {
        executionCount.increment();
        computeInfer.add(computeNs);
        batches.computeIfAbsent(size, s -> new Pair()).add(computeNs);
    }

    /** Snapshot in Triton's JSON shape (field names as Triton spells them). */
    public Map<String, Object> toJson(String model, int version) {
        Map<String, Object> inference = new java.util.LinkedHashMap<>();
        inference.put("success", json(success.snapshot()));
        inference.put("fail", json(fail.snapshot()));
        inference.put("queue", json(queue.snapshot()));
        inference.put("compute_input", json(computeInput.snapshot()));
        inference.put("compute_infer", json(computeInfer.snapshot()));
        inference.put("compute_output", json(computeOutput.snapshot()));
        var batchStats = new java.util.ArrayList<Map<String, Object>>();
        new TreeMap<>(batches).forEach((size, p) -> batchStats.add(Map.of("batch_size", size,
                "compute_infer", json(p.snapshot()))));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("name", model);
        out.put("version", Integer.toString(version));
        out.put("last_inference", lastInferenceMillis.get());
        out.put("inference_count", inferenceCount.sum());
        out.put("execution_count", executionCount.sum());
        out.put("inference_stats", inference);
        out.put("batch_stats", batchStats);
        return out;
    }

    private static Map<String, Long> json(Duration d) {
        return Map.of("count", d.count(), "ns", d.ns());
    }
}
