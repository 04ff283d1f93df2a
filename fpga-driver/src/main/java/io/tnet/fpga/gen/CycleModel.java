package io.tnet.fpga.gen;

/**
 * Exact cycle count of the generated sequencer (tnet_core.v), so the generator's estimate can be
 * checked against the CYCLES register of a simulated run.
 *
 * <p>Per sample and layer the sequencer spends {@link #LAYER_OVERHEAD} cycles fetching and checking
 * the descriptor, one cycle per (neuron group, input chunk) pair issuing a PE-array step, and then
 * drains the pipeline ({@code log2(SIMD) + }{@link #PIPELINE_FIXED} cycles: memory read, lane,
 * adder tree, accumulator, requantizer/write) before the next layer may read what this one wrote.
 * A run adds {@link #RUN_OVERHEAD} cycles (start check, done).
 */
public final class CycleModel {

    /** Descriptor read, decode and range check. */
    public static final int LAYER_OVERHEAD = 3;
    /** Pipeline stages besides the adder tree: memory, lane register, accumulator, requantizer. */
    public static final int PIPELINE_FIXED = 4;
    /** Per-run cycles outside the sample loop. */
    public static final int RUN_OVERHEAD = 2;

    private CycleModel() {
    }

    /** Cycles of one run of {@code batch} samples. */
    public static long cycles(PackedModel m, int batch) {
        return RUN_OVERHEAD + (long) batch * cyclesPerSample(m);
    }

    /** Cycles per sample inside a run. */
    public static long cyclesPerSample(PackedModel m) {
        AcceleratorConfig c = m.config();
        int drain = Integer.numberOfTrailingZeros(c.simd()) + PIPELINE_FIXED;
        long total = 0;
        for (Descriptor d : m.descriptors()) {
            long steps = (long) AcceleratorConfig.ceilDiv(d.outputs(), c.pe()) * AcceleratorConfig.ceilDiv(d.inputs(), c.simd());
            total += LAYER_OVERHEAD + steps + drain;
        }
        return total;
    }
}
