package io.tnet.service.models;

import io.tnet.service.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching for one model version: a bounded queue of requests and one worker thread that
 * collects up to {@code maxBatchSize} samples, waiting at most {@code maxQueueDelay} after the first,
 * then runs them as one batch.
 *
 * <p>Why one worker: the backend parallelises inside a batch; a second worker would only compete for
 * the same cores. The worker does not wait for more requests when none other is in flight (the
 * {@code inFlight} supplier), so a lone client pays no batching delay. A full queue rejects at once
 * (429); a request whose caller gave up (timeout) is skipped if it has not started.
 */
final class Batcher {

    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    /** Runs a batch; implemented by {@link LoadedVersion}. */
    interface BatchRunner {
        void run(List<Item> items, int samples);
    }

    /** One queued request. */
    static final class Item {
        final float[] raw;
        final int samples;
        final long enqueuedAt;
        final CompletableFuture<Execution> future = new CompletableFuture<>();

        Item(float[] raw, int samples) {
            this.raw = raw;
            this.samples = samples;
            this.enqueuedAt = System.nanoTime();
        }
    }

    private final ArrayBlockingQueue<Item> queue;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final IntSupplier inFlight;
    private final BatchRunner runner;
    private final Thread worker;
    private volatile boolean stopping;
    private Item carry;

    Batcher(String name, ModelSettings.Batching settings, IntSupplier inFlight, BatchRunner runner) {
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
        this.maxBatchSize = settings.maxBatchSize();
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(settings.maxQueueDelayMicros());
        this.inFlight = inFlight;
        this.runner = runner;
        this.worker = Thread.ofPlatform().daemon().name("tnet-batch-" + name).start(this::loop);
    }

    /** Queues a request; throws 429 when the queue is full. */
    CompletableFuture<Execution> submit(float[] raw, int samples) {
        Item item = new Item(raw, samples);
        if (stopping || !queue.offer(item)) {
            throw new ServiceException(ServiceException.Status.TOO_MANY_REQUESTS,
                    "queue full (" + queue.size() + " requests waiting); retry later");
        }
        return item.future;
    }

    int queued() {
        return queue.size();
    }

    /** Stops the worker after the queue is empty. */
    void stop() {
        stopping = true;
        worker.interrupt();
    }

    private void loop() {
        while (true) {
            Item first;
            try {
                first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
            }
            carry = null;
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            if (first.future.isDone()) {
                continue;
            }
            List<Item> batch = new ArrayList<>();
            batch.add(first);
            int samples = first.samples;
            long flushAt = first.enqueuedAt + maxDelayNanos;
            while (samples < maxBatchSize) {
                Item next = queue.poll();
                if (next == null) {
                    long wait = flushAt - System.nanoTime();
                    if (wait <= 0 || stopping || inFlight.getAsInt() <= batch.size()) {
                        break;
                    }
                    try {
                        next = queue.poll(Math.min(wait, 50_000), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        break;
                    }
                    if (next == null) {
                        continue;
                    }
                }
                if (next.future.isDone()) {
                    continue;
                }
                if (samples + next.samples > maxBatchSize) {
                    carry = next;
                    break;
                }
                batch.add(next);
                samples += next.samples;
            }
            try {
                runner.run(batch, samples);
            } catch (RuntimeException e) {
                LOG.error("batch failed", e);
                batch.forEach(i -> i.future.completeExceptionally(e));
            }
        }
    }
}
