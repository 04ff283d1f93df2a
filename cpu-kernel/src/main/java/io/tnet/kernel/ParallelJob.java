package io.tnet.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable fork-join of {@code tasks} independent tasks, owned by one calling thread and re-armed for
 * every layer, so a call allocates nothing. Helpers may take a stale reference from the queue at any
 * time; they only claim a task by a compare-and-set on {@code ctl} (epoch in the high half, next task
 * in the low half), which fails once the owner re-arms (a new epoch), so a late helper can never run a
 * task with another epoch's parameters. The owner re-arms only after every task of an epoch finished.
 */
final class ParallelJob {

    /** The work, indexed by task number; runs on the owner or on a helper with that thread's scratch. */
    interface Body {
        void runTask(int task, WorkerScratch ws);
    }

    private static final long NONE_LEFT = Integer.MAX_VALUE;
    private static final int SPINS = 2_000;

    private final AtomicLong ctl = new AtomicLong(NONE_LEFT);
    private final AtomicInteger remaining = new AtomicInteger();
    private final Thread owner;
    private final Body body;
    private int tasks;
    private volatile Throwable failure;

    ParallelJob(Thread owner, Body body) {
        this.owner = owner;
        this.body = body;
    }

    /** Runs tasks {@code [0, count)} on the owner and up to {@code helpers} pool threads; returns when all are done. */
    void run(int count, WorkerPool pool, int helpers) {
        long epoch = (ctl.get() >>> 32) + 1;
        ctl.set(epoch << 32 | NONE_LEFT);
        tasks = count;
        failure = null;
        remaining.set(count);
        ctl.set(epoch << 32);
        pool.post(this, Math.min(helpers, count - 1));
        help();
        int spins = 0;
        while (remaining.get() != 0) {
            if (spins++ < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000);
            }
        }
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Claims and runs tasks of the current epoch until none are left. */
    void help() {
        WorkerScratch ws = WorkerScratch.current();
        for (;;) {
            long c = ctl.get();
            int k = (int) c;
            if (k >= tasks) {
                return;
            }
            if (ctl.compareAndSet(c, c + 1)) {
                try {
                    body.runTask(k, ws);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (remaining.decrementAndGet() == 0 && Thread.currentThread() != owner) {
                        LockSupport.unpark(owner);
                    }
                }
            }
        }
    }
}
