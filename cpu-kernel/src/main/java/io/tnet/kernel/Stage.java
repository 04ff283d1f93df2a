package io.tnet.kernel;

import io.tnet.model.Activation;
import io.tnet.model.reference.IntegerOps;

/**
 * One compiled layer: its parameters repacked once, and the loop over a block of (row, neuron) pairs
 * that drives {@link Lanes}. Immutable, so any number of threads may run disjoint blocks at once.
 */
abstract sealed class Stage {

    final String name;
    final Layout layout;
    private final boolean dense;

    Stage(String name, Layout layout) {
        this.name = name;
        this.layout = layout;
        this.dense = !layout.isConv();
    }

    /**
     * {@link IntegerOps#requantize} restated small enough for C2 to inline into the output loops (the
     * original is not inlined there); the equivalence tests hold it to the reference bit for bit.
     */
    static byte requantize(long acc, int scaleExp) {
        long v = scaleExp >= 0 ? acc << scaleExp : (acc + (1L << (-scaleExp - 1))) >> -scaleExp;
        return (byte) (v > 127 ? 127 : v < -128 ? -128 : v);
    }

    /** Index of neuron {@code j} of global row {@code row} in the output buffer. */
    final int outIndex(int row, int j) {
        return dense ? row * layout.neurons + j : layout.outIndex(row, j);
    }

    /** Bytes of packed parameters this stage holds. */
    abstract long residentBytes();

    /** Computes rows {@code [r0, r1)} times neurons {@code [j0, j1)} of an int8 layer. */
    void runInt8(byte[] in, byte[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
        throw new UnsupportedOperationException(name + " is not an int8 stage");
    }

    /** Computes rows {@code [r0, r1)} times neurons {@code [j0, j1)} of a float layer. */
    void runF32(float[] in, float[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
        throw new UnsupportedOperationException(name + " is not a float stage");
    }

    /**
     * Int8 threshold layer (dense or conv). Thresholds are biased ({@code theta ^ 0x80}) with absent
     * synapses set to 255 (so their term is 0 for every input) and signs reduced to one bit each:
     * {@code 1.125} bytes per synapse plus 4 per neuron.
     */
    static final class ThresholdInt8 extends Stage {
        private final byte[] tu;
        private final long[] signs;
        private final int words;
        private final int[] bias;
        private final int scaleExp;

        ThresholdInt8(String name, Layout layout, byte[] theta, byte[] sign, int[] bias, int scaleExp) {
            super(name, layout);
            int n = layout.n;
            this.words = (n + 63) >>> 6;
            this.tu = new byte[theta.length];
            this.signs = new long[layout.neurons * words];
            for (int j = 0; j < layout.neurons; j++) {
                for (int i = 0; i < n; i++) {
                    int w = j * n + i;
                    tu[w] = sign[w] == 0 ? (byte) 0xFF : (byte) (theta[w] ^ 0x80);
                    if (sign[w] > 0) {
                        signs[j * words + (i >>> 6)] |= 1L << (i & 63);
                    }
                }
            }
            this.bias = bias;
            this.scaleExp = scaleExp;
        }

        @Override
        long residentBytes() {
            return tu.length + 8L * signs.length + 4L * bias.length;
        }

        @Override
        void runInt8(byte[] in, byte[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
            int n = layout.n;
            byte[] rows = ws.bytes(Lanes.MAX_ROWS * n);
            int[] acc = ws.acc;
            for (int r = r0; r < r1; r += Lanes.MAX_ROWS) {
                int count = Math.min(Lanes.MAX_ROWS, r1 - r);
                for (int k = 0; k < count; k++) {
                    layout.gather(in, r + k, rows, k * n, 0x80);
                }
                int j = j0;
                if (count == 1) {
                    // One row (batch 1): two neurons per call share the input loads.
                    for (; j + 2 <= j1; j += 2) {
                        lanes.thresholdInt8Pair(rows, 0, tu, j * n, signs, j * words, n, acc);
                        out[outIndex(r, j)] = requantize((long) bias[j] + acc[0], scaleExp);
                        out[outIndex(r, j + 1)] = requantize((long) bias[j + 1] + acc[1], scaleExp);
                    }
                }
                for (; j < j1; j++) {
                    lanes.thresholdInt8(rows, 0, count, tu, j * n, signs, j * words, n, acc);
                    for (int k = 0; k < count; k++) {
                        out[outIndex(r + k, j)] = requantize((long) bias[j] + acc[k], scaleExp);
                    }
                }
            }
        }
    }

    /** Int8 Multiplication Injection layer (dense or conv): int8 weights as they are, 1 byte per weight. */
    static final class DenseInt8 extends Stage {
        private final byte[] w;
        private final int[] bias;
        private final int scaleExp;
        private final boolean relu;

        DenseInt8(String name, Layout layout, byte[] w, int[] bias, int scaleExp, Activation activation) {
            super(name, layout);
            this.w = w;
            this.bias = bias;
            this.scaleExp = scaleExp;
            this.relu = activation == Activation.RELU;
        }

        @Override
        long residentBytes() {
            return w.length + 4L * bias.length;
        }

        @Override
        void runInt8(byte[] in, byte[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
            int n = layout.n;
            boolean conv = layout.isConv();
            byte[] rows = conv ? ws.bytes(Lanes.MAX_ROWS * n) : in;
            int[] acc = ws.acc;
            for (int r = r0; r < r1; r += Lanes.MAX_ROWS) {
                int count = Math.min(Lanes.MAX_ROWS, r1 - r);
                if (conv) {
                    for (int k = 0; k < count; k++) {
                        layout.gather(in, r + k, rows, k * n, 0);
                    }
                }
                int xo = conv ? 0 : r * n;
                for (int j = j0; j < j1; j++) {
                    lanes.denseInt8(rows, xo, count, w, j * n, n, acc);
                    for (int k = 0; k < count; k++) {
                        byte y = requantize((long) bias[j] + acc[k], scaleExp);
                        out[outIndex(r + k, j)] = relu && y < 0 ? 0 : y;
                    }
                }
            }
        }
    }

    /** Float threshold layer (dense or conv): thresholds and signs as floats. */
    static final class ThresholdF32 extends Stage {
        private final float[] t;
        private final float[] s;
        private final float[] bias;
        private final int scaleExp;

        ThresholdF32(String name, Layout layout, float[] t, byte[] sign, float[] bias, int scaleExp) {
            super(name, layout);
            this.t = t;
            this.s = new float[sign.length];
            for (int i = 0; i < sign.length; i++) {
                s[i] = sign[i];
            }
            this.bias = bias;
            this.scaleExp = scaleExp;
        }

        @Override
        long residentBytes() {
            return 4L * (t.length + s.length + bias.length);
        }

        @Override
        void runF32(float[] in, float[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
            int n = layout.n;
            float[] rows = ws.floats(Lanes.MAX_ROWS * n);
            float[] acc = ws.facc;
            for (int r = r0; r < r1; r += Lanes.MAX_ROWS) {
                int count = Math.min(Lanes.MAX_ROWS, r1 - r);
                for (int k = 0; k < count; k++) {
                    layout.gather(in, r + k, rows, k * n);
                }
                for (int j = j0; j < j1; j++) {
                    lanes.thresholdF32(rows, 0, count, t, s, j * n, n, acc);
                    for (int k = 0; k < count; k++) {
                        out[outIndex(r + k, j)] = (float) Math.scalb((double) bias[j] + acc[k], scaleExp);
                    }
                }
            }
        }
    }

    /** Float Multiplication Injection layer (dense or conv). */
    static final class DenseF32 extends Stage {
        private final float[] w;
        private final float[] bias;
        private final int scaleExp;
        private final boolean relu;

        DenseF32(String name, Layout layout, float[] w, float[] bias, int scaleExp, Activation activation) {
            super(name, layout);
            this.w = w;
            this.bias = bias;
            this.scaleExp = scaleExp;
            this.relu = activation == Activation.RELU;
        }

        @Override
        long residentBytes() {
            return 4L * (w.length + bias.length);
        }

        @Override
        void runF32(float[] in, float[] out, int r0, int r1, int j0, int j1, Lanes lanes, WorkerScratch ws) {
            int n = layout.n;
            boolean conv = layout.isConv();
            float[] rows = conv ? ws.floats(Lanes.MAX_ROWS * n) : in;
            float[] acc = ws.facc;
            for (int r = r0; r < r1; r += Lanes.MAX_ROWS) {
                int count = Math.min(Lanes.MAX_ROWS, r1 - r);
                if (conv) {
                    for (int k = 0; k < count; k++) {
                        layout.gather(in, r + k, rows, k * n);
                    }
                }
                int xo = conv ? 0 : r * n;
                for (int j = j0; j < j1; j++) {
                    lanes.denseF32(rows, xo, count, w, j * n, n, acc);
                    for (int k = 0; k < count; k++) {
                        float y = (float) Math.scalb((double) bias[j] + acc[k], scaleExp);
                        out[outIndex(r + k, j)] = relu ? Math.max(y, 0f) : y;
                    }
                }
            }
        }
    }
}
