package io.tnet.service.models;

import io.tnet.service.backend.EnergySource;

/**
 * What running one request's samples produced, and what it cost.
 *
 * @param logits       {@code samples * outputSize} floats
 * @param backend      backend that computed it (may be the CPU fallback of an fpga model)
 * @param queueNanos   wait between submission and the start of its batch
 * @param computeNanos compute time of the batch it ran in
 * @param batchSize    samples in that batch
 * @param energyJoules this request's share of the batch energy (by sample count)
 * @param energySource where the energy figure comes from
 * @param deviceCycles accelerator cycles of the batch it ran in, or {@code -1} (no accelerator)
 * @param deviceNanos  those cycles as time at the accelerator's configured clock, or {@code -1}
 */
public record Execution(float[] logits, String backend, long queueNanos, long computeNanos, int batchSize,
                        double energyJoules, EnergySource energySource, long deviceCycles, long deviceNanos) {

    /** An execution on a backend without a cycle counter. */
    public Execution(float[] logits, String backend, long queueNanos, long computeNanos, int batchSize,
                     double energyJoules, EnergySource energySource) {
        this(logits, backend, queueNanos, computeNanos, batchSize, energyJoules, energySource, -1, -1);
    }

    /** Mean power while the request's batch computed, in watts (0 for an instantaneous batch). */
    public double powerWatts() {
        return computeNanos > 0 ? energyJoules / (computeNanos * 1e-9) : 0;
    }
}
