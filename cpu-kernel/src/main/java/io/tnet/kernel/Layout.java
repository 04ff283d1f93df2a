package io.tnet.kernel;

import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Shape;

/**
 * How a layer's input rows and outputs map onto the batch buffers. A dense layer has one row per
 * sample; a convolution has one row per output position (its patch, gathered with zero padding in
 * the weights' {@code [c][u][v]} order), so every layer kind runs the same row-times-neuron loops.
 * Buffers hold samples back to back, each in CHW order.
 */
final class Layout {

    final int n;
    final int neurons;
    final int rowsPerSample;
    final int inSize;
    final int outSize;
    private final Conv2dGeometry g;
    private final int inH;
    private final int inW;
    private final int outW;

    private Layout(int n, int neurons, int rowsPerSample, int inSize, int outSize, Conv2dGeometry g,
                   int inH, int inW, int outW) {
        this.n = n;
        this.neurons = neurons;
        this.rowsPerSample = rowsPerSample;
        this.inSize = inSize;
        this.outSize = outSize;
        this.g = g;
        this.inH = inH;
        this.inW = inW;
        this.outW = outW;
    }

    static Layout dense(int inputs, int outputs) {
        return new Layout(inputs, outputs, 1, inputs, outputs, null, 0, 0, 0);
    }

    static Layout conv(Conv2dGeometry g, Shape in, Shape out) {
        int positions = out.dim(1) * out.dim(2);
        return new Layout(g.fanIn(), g.outChannels(), positions, in.size(), out.size(), g, in.dim(1), in.dim(2), out.dim(2));
    }

    boolean isConv() {
        return g != null;
    }

    /** Index in the output buffer of neuron {@code j} of global row {@code row}. */
    int outIndex(int row, int j) {
        if (g == null) {
            return row * neurons + j;
        }
        int sample = row / rowsPerSample;
        int pos = row - sample * rowsPerSample;
        return sample * outSize + j * rowsPerSample + pos;
    }

    /** Copies input row {@code row} (a sample or a conv patch) to {@code dst[off..off+n)}, xor {@code flip}. */
    void gather(byte[] in, int row, byte[] dst, int off, int flip) {
        if (g == null) {
            int base = row * n;
            if (flip == 0) {
                System.arraycopy(in, base, dst, off, n);
            } else {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (byte) (in[base + i] ^ flip);
                }
            }
            return;
        }
        int sample = row / rowsPerSample;
        int pos = row - sample * rowsPerSample;
        int p = pos / outW;
        int q = pos - p * outW;
        int base = sample * inSize;
        int k = off;
        for (int c = 0; c < g.inChannels(); c++) {
            for (int u = 0; u < g.kernelH(); u++) {
                int y = p * g.strideH() + u - g.padH();
                boolean rowIn = y >= 0 && y < inH;
                int rowBase = base + (c * inH + y) * inW;
                for (int v = 0; v < g.kernelW(); v++) {
                    int x = q * g.strideW() + v - g.padW();
                    dst[k++] = (byte) ((rowIn && x >= 0 && x < inW ? in[rowBase + x] : 0) ^ flip);
                }
            }
        }
    }

    /** Float version of {@link #gather(byte[], int, byte[], int, int)} (no bias). */
    void gather(float[] in, int row, float[] dst, int off) {
        if (g == null) {
            System.arraycopy(in, row * n, dst, off, n);
            return;
        }
        int sample = row / rowsPerSample;
        int pos = row - sample * rowsPerSample;
        int p = pos / outW;
        int q = pos - p * outW;
        int base = sample * inSize;
        int k = off;
        for (int c = 0; c < g.inChannels(); c++) {
            for (int u = 0; u < g.kernelH(); u++) {
                int y = p * g.strideH() + u - g.padH();
                boolean rowIn = y >= 0 && y < inH;
                int rowBase = base + (c * inH + y) * inW;
                for (int v = 0; v < g.kernelW(); v++) {
                    int x = q * g.strideW() + v - g.padW();
                    dst[k++] = rowIn && x >= 0 && x < inW ? in[rowBase + x] : 0f;
                }
            }
        }
    }
}
