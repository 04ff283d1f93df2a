package io.tnet.service.support;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.service.backend.Availability;
import io.tnet.service.backend.BatchResult;
import io.tnet.service.backend.Compatibility;
import io.tnet.service.backend.ComputeStats;
import io.tnet.service.backend.EnergySource;
import io.tnet.service.backend.InferenceBackend;
import io.tnet.service.backend.PreparedModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test backend named {@code slow} whose batches wait until the test opens a gate, so queue-full and
 * timeout behaviour can be produced deterministically. Computes with the reference evaluator.
 */
public final class SlowBackend implements InferenceBackend {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Semaphore started = new Semaphore(0);
    private final AtomicInteger batches = new AtomicInteger();

    /** Makes the following batches wait until {@link #open()}. */
    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    /** Waits until a batch has started running (and is held at the gate). */
    public boolean awaitStarted(long millis) throws InterruptedException {
        return started.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    public int batches() {
        return batches.get();
    }

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public Availability availability() {
        return Availability.up();
    }

    @Override
    public Compatibility compatibility(Model model) {
        return Compatibility.yes();
    }

    @Override
    public PreparedModel prepare(Model model) {
        return new PreparedModel() {
            @Override
            public Model model() {
                return model;
            }

            @Override
            public String backend() {
                return "slow";
            }

            @Override
            public BatchResult run(float[] raw, int batch) {
                batches.incrementAndGet();
                started.release();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int in = model.input().shape().size();
                int out = model.output().shape().size();
                float[] logits = new float[batch * out];
                for (int b = 0; b < batch; b++) {
                    float[] x = java.util.Arrays.copyOfRange(raw, b * in, (b + 1) * in);
                    System.arraycopy(ReferenceEvaluator.infer(model, x), 0, logits, b * out, out);
                }
                return new BatchResult(logits, ComputeStats.of(1000, 1e-6, EnergySource.MODEL));
            }

            @Override
            public long residentBytes() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
