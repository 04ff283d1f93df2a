package io.tnet.kernel;

/**
 * The inner products of every layer kind at one instruction width: one neuron (one row of packed
 * parameters) against one to four input rows at a time, so that a parameter load serves several rows.
 *
 * <p>Input rows are contiguous: row {@code r} starts at {@code xo + r * n}. Int8 threshold inputs and
 * thresholds are <em>biased</em> ({@code v ^ 0x80}, i.e. {@code v + 128} read unsigned), which turns
 * {@code max(x - theta, 0)} into one unsigned saturating subtraction; an absent synapse has biased
 * threshold 255, which makes its term 0 for every input. Signs are bits (1 = excitatory) in rows of
 * {@code ceil(n / 64)} longs, bit {@code i % 64} of word {@code so + i / 64}.
 *
 * <p>Implementations keep their species in {@code static final} fields (the Vector API only compiles to
 * vector instructions when the species is a JIT constant), hence one class per width.
 * Float implementations do the same additions in the same order whatever {@code rows} is, so results
 * do not depend on how a batch is grouped.
 */
abstract sealed class Lanes permits ScalarLanes, Simd512, Simd256, Simd128 {

    /** Most rows one call handles. */
    static final int MAX_ROWS = 4;

    /** Human-readable width, e.g. {@code "vector-512"}. */
    abstract String describe();

    /** {@code acc[r] = sum_i s_i * max(x[r][i] - theta_i, 0)} (biased operands) for {@code r < rows}. */
    abstract void thresholdInt8(byte[] xu, int xo, int rows, byte[] tu, int wo, long[] signs, int so, int n, int[] acc);

    /**
     * One row against two neurons: the packed rows at {@code wo} and {@code wo + n} (signs at {@code so}
     * and {@code so + ceil(n / 64)}); {@code acc[0]}, {@code acc[1]}. Shares each input load.
     */
    abstract void thresholdInt8Pair(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n, int[] acc);

    /** {@code acc[r] = sum_i w_i * x[r][i]} for {@code r < rows}. */
    abstract void denseInt8(byte[] x, int xo, int rows, byte[] w, int wo, int n, int[] acc);

    /** {@code acc[r] = sum_i s_i * max(x[r][i] - theta_i, 0)} in float for {@code r < rows}. */
    abstract void thresholdF32(float[] x, int xo, int rows, float[] t, float[] s, int wo, int n, float[] acc);

    /** {@code acc[r] = sum_i w_i * x[r][i]} in float for {@code r < rows}. */
    abstract void denseF32(float[] x, int xo, int rows, float[] w, int wo, int n, float[] acc);

    static boolean excitatory(long[] signs, int so, int i) {
        return (signs[so + (i >>> 6)] >>> (i & 63) & 1L) != 0;
    }
}
