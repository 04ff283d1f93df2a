package io.tnet.kernel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded set of helper threads of one {@link CpuKernel}. A caller posts its {@link ParallelJob}
 * (once per helper it wants); helpers that take it claim tasks until none are left. Helpers spin
 * briefly for the next job before blocking, because layers follow each other within microseconds and a
 * parked thread takes tens of microseconds to wake.
 */
final class WorkerPool implements AutoCloseable {

    private static final long SPIN_NANOS = 50_000;

    private final Thread[] helpers;
    private final ArrayBlockingQueue<ParallelJob> queue;
    private volatile boolean closed;

    WorkerPool(int helperCount) {
        this.queue = new ArrayBlockingQueue<>(Math.max(16, helperCount * 8));
        this.helpers = new Thread[helperCount];
        for (int i = 0; i < helperCount; i++) {
            Thread t = new Thread(this::loop, "tnet-kernel-" + i);
            t.setDaemon(true);
            helpers[i] = t;
            t.start();
        }
    }

    int helperCount() {
        return helpers.length;
    }

    boolean isClosed() {
        return closed;
    }

    /** Asks up to {@code copies} helpers to join {@code job}; a full queue just means fewer helpers. */
    void post(ParallelJob job, int copies) {
        for (int c = 0; c < copies; c++) {
            if (!queue.offer(job)) {
                return;
            }
        }
    }

    private void loop() {
        while (!closed) {
            ParallelJob job = queue.poll();
            if (job == null) {
                long until = System.nanoTime() + SPIN_NANOS;
                while (job == null && System.nanoTime() < until) {
                    Thread.onSpinWait();
                    job = queue.poll();
                }
            }
            if (job == null) {
                try {
                    job = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (closed) {
                        return;
                    }
                }
            }
            if (job != null) {
                job.help();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : helpers) {
            t.interrupt();
        }
        for (Thread t : helpers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
