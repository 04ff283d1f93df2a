package io.tnet.fpga;

/**
 * Counters of one accelerator run, read from the device after completion.
 *
 * @param cycles    accelerator clock cycles from start to done (CYCLES register)
 * @param ops       synapse operations (OPS register)
 * @param errorCode ERROR register after the run (0 = none)
 * @param wallNanos host wall-clock time from start to confirmed completion (includes simulation time
 *                  for {@code sim:})
 * @param samples   samples in the run (BATCH)
 */
public record RunStats(long cycles, long ops, int errorCode, long wallNanos, int samples) {

    /** Device time at a clock frequency: {@code cycles / f}. */
    public double deviceSeconds(double clockHz) {
        return cycles / clockHz;
    }

    /** Sum of two runs' counters (a batch split over several runs). */
    public RunStats plus(RunStats o) {
        return new RunStats(cycles + o.cycles, ops + o.ops, errorCode | o.errorCode, wallNanos + o.wallNanos,
                samples + o.samples);
    }
}
