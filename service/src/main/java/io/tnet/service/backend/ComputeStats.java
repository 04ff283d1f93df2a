package io.tnet.service.backend;

import java.util.Objects;

/**
 * What one batch cost on a backend: wall-clock compute time, energy with its honest source, and the
 * device's cycle count when it has one.
 *
 * @param computeNanos  wall-clock nanoseconds spent computing the batch (excluding queueing)
 * @param energyJoules  energy attributed to the batch, {@code >= 0}
 * @param energySource  how {@code energyJoules} was obtained; never claims a measurement that was not made
 * @param deviceCycles  accelerator clock cycles for the batch, or {@code -1} when the backend has no counter
 * @param deviceNanos   those cycles as time at the accelerator's configured clock, or {@code -1}
 */
public record ComputeStats(long computeNanos, double energyJoules, EnergySource energySource, long deviceCycles,
                           long deviceNanos) {

    /** Stats with a cycle count but no device time. */
    public ComputeStats(long computeNanos, double energyJoules, EnergySource energySource, long deviceCycles) {
        this(computeNanos, energyJoules, energySource, deviceCycles, -1);
    }

    public ComputeStats {
        Objects.requireNonNull(energySource, "energySource");
        if (computeNanos < 0 || !(energyJoules >= 0) || Double.isInfinite(energyJoules)) {
            throw new IllegalArgumentException("computeNanos and energyJoules must be finite and >= 0, got "
                    + computeNanos + ", " + energyJoules);
        }
    }

    /** Stats for a backend without a cycle counter. */
    public static ComputeStats of(long computeNanos, double energyJoules, EnergySource source) {
        return new ComputeStats(computeNanos, energyJoules, source, -1);
    }
}
