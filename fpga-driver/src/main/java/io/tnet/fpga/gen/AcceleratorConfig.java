package io.tnet.fpga.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of one generated accelerator: parallelism, datapath widths, maximum layer sizes and the
 * depths of the on-card memories (in memory words; see {@link MemoryMap} for each region's word size).
 *
 * <p>{@code pe} output neurons are computed in parallel, each over {@code simd} inputs per cycle.
 * Both are powers of two with {@code pe <= simd <= 128}, because one neuron group's {@code pe} output
 * bytes are written into one {@code simd}-byte activation word in a single cycle.
 *
 * @param pe          output parallelism (neurons per cycle)
 * @param simd        input parallelism (synapses per neuron per cycle)
 * @param actWidth    activation and threshold width in bits (8: the int8 model semantics)
 * @param accWidth    accumulator width in bits, 16..32 (models whose worst case exceeds it are refused)
 * @param maxInputs   largest layer fan-in
 * @param maxOutputs  largest layer fan-out
 * @param maxLayers   descriptor slots
 * @param paramWords  depth of the threshold and sign memories, in {@code pe*simd}-synapse words
 * @param biasWords   depth of the bias memory, in {@code pe}-bias words (one per neuron group)
 * @param inWords     depth of the input buffer, in {@code simd}-byte words
 * @param outWords    depth of the output buffer, in {@code simd}-byte words
 * @param clockMhz    nominal clock for estimates (not a synthesis constraint)
 */
public record AcceleratorConfig(int pe, int simd, int actWidth, int accWidth, int maxInputs, int maxOutputs,
                                int maxLayers, int paramWords, int biasWords, int inWords, int outWords,
                                int clockMhz) {

    /** The reference configuration: PE=16, SIMD=32, room for a 784-256-10 MLP with batches up to 40. */
    public static final AcceleratorConfig DEFAULT =
            new AcceleratorConfig(16, 32, 8, 24, 1024, 1024, 16, 1024, 256, 1024, 256, 200);

    public AcceleratorConfig {
        List<String> problems = problems(pe, simd, actWidth, accWidth, maxInputs, maxOutputs, maxLayers,
                paramWords, biasWords, inWords, outWords, clockMhz);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid accelerator configuration: " + String.join("; ", problems));
        }
    }

    /** Same configuration with another parallelism. */
    public AcceleratorConfig withParallelism(int newPe, int newSimd) {
        return new AcceleratorConfig(newPe, newSimd, actWidth, accWidth, maxInputs, maxOutputs, maxLayers,
                paramWords, biasWords, inWords, outWords, clockMhz);
    }

    /** Same configuration with other memory depths. */
    public AcceleratorConfig withDepths(int newParamWords, int newBiasWords, int newInWords, int newOutWords) {
        return new AcceleratorConfig(pe, simd, actWidth, accWidth, maxInputs, maxOutputs, maxLayers,
                newParamWords, newBiasWords, newInWords, newOutWords, clockMhz);
    }

    /** Bytes of one threshold-memory word: {@code pe * simd} int8 thresholds. */
    public int thrWordBytes() {
        return pe * simd;
    }

    /** Bytes of one sign-memory word: {@code pe * simd} 2-bit sign codes. */
    public int sgnWordBytes() {
        return pe * simd / 4;
    }

    /** Bytes of one bias-memory word: {@code pe} int32 biases. */
    public int biasWordBytes() {
        return pe * 4;
    }

    /** Bytes of one activation word (input, output and on-chip activation buffers). */
    public int actWordBytes() {
        return simd;
    }

    /** Words of each on-chip ping-pong activation buffer: the widest layer edge, padded to SIMD. */
    public int actWords() {
        return ceilDiv(Math.max(maxInputs, maxOutputs), simd);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static boolean isPow2(int v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    private static List<String> problems(int pe, int simd, int actWidth, int accWidth, int maxInputs,
                                         int maxOutputs, int maxLayers, int paramWords, int biasWords,
                                         int inWords, int outWords, int clockMhz) {
        List<String> p = new ArrayList<>();
        if (!isPow2(pe) || pe > 128) {
            p.add("pe must be a power of two in [1, 128], got " + pe);
        }
        if (!isPow2(simd) || simd < 8 || simd > 128) {
            p.add("simd must be a power of two in [8, 128] (the activation word holds SIMD/4 >= 2 host lanes), got " + simd);
        }
        if (isPow2(pe) && isPow2(simd) && pe > simd) {
            p.add("pe (" + pe + ") must not exceed simd (" + simd + ")");
        }
        if (actWidth != 8) {
            p.add("actWidth must be 8 (int8 model semantics), got " + actWidth);
        }
        if (accWidth < 16 || accWidth > 32) {
            p.add("accWidth must lie in [16, 32], got " + accWidth);
        }
        if (maxInputs < 1 || maxInputs > 65535 || maxOutputs < 1 || maxOutputs > 65535) {
            p.add("maxInputs and maxOutputs must lie in [1, 65535]");
        }
        if (maxLayers < 1 || maxLayers > 256) {
            p.add("maxLayers must lie in [1, 256], got " + maxLayers);
        }
        if (paramWords < 1 || biasWords < 1 || inWords < 1 || outWords < 1) {
            p.add("memory depths must be >= 1");
        }
        if ((long) paramWords * pe * simd > (1L << 28)) {
            p.add("threshold memory larger than 256 MiB");
        }
        if (clockMhz < 1 || clockMhz > 1000) {
            p.add("clockMhz must lie in [1, 1000]");
        }
        return p;
    }
}
