package io.tnet.fpga.energy;

/**
 * Energy of one accelerator run (or a share of one).
 *
 * @param joules        total energy
 * @param dynamicJoules switching energy (operations and cycles); equals {@code joules} for measured sources
 * @param staticJoules  leakage/static share over the device time
 * @param seconds       time the energy was spent over (device time for models, wall time for sensors)
 * @param source        label: {@code model} (activity model on the C model), {@code sim} (activity
 *                      model on simulated RTL counters) or {@code sensor} (board power)
 */
public record EnergyEstimate(double joules, double dynamicJoules, double staticJoules, double seconds, String source) {

    /** Average power over {@link #seconds()}, 0 when no time passed. */
    public double averageWatts() {
        return seconds > 0 ? joules / seconds : 0;
    }

    /** The share of this estimate for {@code part} of {@code whole} samples (per-request attribution). */
    public EnergyEstimate share(int part, int whole) {
        double f = whole > 0 ? (double) part / whole : 0;
        return new EnergyEstimate(joules * f, dynamicJoules * f, staticJoules * f, seconds, source);
    }
}
