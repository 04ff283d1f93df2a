package io.tnet.service.models;

import io.tnet.service.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Dynamic batching for one model version, leader/follower style: a bounded queue of requests and no
 * thread of its own. The request thread that gets the leader lock collects up to {@code maxBatchSize}
 * samples (waiting at most {@code maxQueueDelay} after the first, and not at all when no other request
 * is in flight), runs them as one batch on its own thread, completes every request in it and hands the
 * lead to the oldest waiting request. The others park until their result arrives or they lead.
 *
 * <p>Why no worker thread: with a dedicated worker, every request pays two thread hand-offs, and
 * under load the one worker gets one scheduler share among all the request threads parsing JSON, so
 * compute throughput collapsed (measured: 6x fewer JSON requests per second than without batching). A
 * leader computes with the same share as any request thread and no hand-off for a lone request.
 *
 * <p>Timeout: a request that has not <em>started</em> computing within {@code timeoutMillis} leaves the
 * queue and gets 503; a batch that started runs to completion (accelerator backends bound their own
 * device time). A full queue rejects at once (429).
 */
final class Batcher {

    /** Runs a batch; implemented by {@link LoadedVersion}. Completes every item's future. */
    interface BatchRunner {
        void run(List<Item> items, int samples);
    }

    /** One queued request. */
    static final class Item {
        final float[] raw;
        final int samples;
        final long enqueuedAt;
        final Thread owner;
        final CompletableFuture<Execution> future = new CompletableFuture<>();

        Item(float[] raw, int samples) {
            this.raw = raw;
            this.samples = samples;
            this.enqueuedAt = System.nanoTime();
            this.owner = Thread.currentThread();
        }
    }

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ArrayBlockingQueue<Item> queue;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final long timeoutNanos;
    private final IntSupplier inFlight;
    private final BatchRunner runner;
    private final ReentrantLock leader = new ReentrantLock();

    Batcher(ModelSettings.Batching settings, IntSupplier inFlight, BatchRunner runner) {
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
        this.maxBatchSize = settings.maxBatchSize();
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(settings.maxQueueDelayMicros());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        this.inFlight = inFlight;
        this.runner = runner;
    }

    /**
     * Runs one request's samples, batched with concurrent ones, on this or another request thread.
     *
     * @throws ServiceException 429 queue full, 503 timed out before starting, or the batch's failure
     */
    Execution execute(float[] raw, int samples, String what) {
        Item mine = new Item(raw, samples);
        if (!queue.offer(mine)) {
            throw new ServiceException(ServiceException.Status.TOO_MANY_REQUESTS,
                    "queue full (" + queue.size() + " requests waiting); retry later");
        }
        long deadline = mine.enqueuedAt + timeoutNanos;
        while (!mine.future.isDone()) {
            if (leader.tryLock()) {
                try {
                    lead();
                } finally {
                    leader.unlock();
                }
                Item next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.owner);
                }
                continue;
            }
            if (System.nanoTime() - deadline > 0 && queue.remove(mine)) {
                throw new ServiceException(ServiceException.Status.UNAVAILABLE, "request timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms waiting for " + what);
            }
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        try {
            return mine.future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Status.UNAVAILABLE, "interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ServiceException(ServiceException.Status.INTERNAL, "backend failed: " + e.getCause(), e.getCause());
        }
    }

    int queued() {
        return queue.size();
    }

    /** As leader: collects one batch from the queue and runs it. */
    private void lead() {
        Item first = queue.poll();
        if (first == null) {
            return;
        }
        List<Item> batch = new ArrayList<>();
        batch.add(first);
        int samples = first.samples;
        long flushAt = first.enqueuedAt + maxDelayNanos;
        while (samples < maxBatchSize) {
            Item next = queue.peek();
            if (next == null) {
                // wait for more only while other requests are on their way (accepted, not yet queued)
                if (System.nanoTime() - flushAt >= 0 || inFlight.getAsInt() <= batch.size()) {
                    break;
                }
                Thread.onSpinWait();
                LockSupport.parkNanos(20_000);
                continue;
            }
            if (samples + next.samples > maxBatchSize) {
                break;
            }
            if (queue.remove(next)) {
                batch.add(next);
                samples += next.samples;
            }
        }
        try {
            runner.run(batch, samples);
        } catch (RuntimeException e) {
            batch.forEach(i -> i.future.completeExceptionally(e));
        } finally {
            for (Item i : batch) {
                if (i.owner != Thread.currentThread()) {
                    LockSupport.unpark(i.owner);
                }
            }
        }
    }
}
