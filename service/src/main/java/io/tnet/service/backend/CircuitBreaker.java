package io.tnet.service.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-backend circuit breaker: a failed batch opens it for a cool-down period during which dispatch
 * sends work to the CPU fallback; afterwards the next batch tries the backend again. Thread-safe.
 */
public final class CircuitBreaker {

    private final long coolDownNanos;
    private final AtomicLong openUntil = new AtomicLong();
    private volatile boolean everTripped;
    private final AtomicLong trips = new AtomicLong();
    private volatile String lastFailure = "";

    public CircuitBreaker(long coolDownNanos) {
        this.coolDownNanos = coolDownNanos;
    }

    /** True while the backend should not be used. */
    public boolean isOpen() {
        return everTripped && System.nanoTime() - openUntil.get() < 0;
    }

    /** Records a failure and opens the breaker. */
    public void trip(String failure) {
        lastFailure = failure;
        trips.incrementAndGet();
        openUntil.set(System.nanoTime() + coolDownNanos);
        everTripped = true;
    }

    public long trips() {
        return trips.get();
    }

    public String lastFailure() {
        return lastFailure;
    }
}
