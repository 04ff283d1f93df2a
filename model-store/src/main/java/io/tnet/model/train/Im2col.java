package io.tnet.model.train;

import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Shape;

/**
 * Patch extraction for convolutions: one row of {@code fanIn} values per output position, in the
 * kernel tensor's {@code (c, u, v)} order, zero where the patch covers padding. Turns a convolution into
 * the dense kernels of {@link Kernels} with output positions as rows.
 */
final class Im2col {

    final Conv2dGeometry g;
    final int inH;
    final int inW;
    final int outH;
    final int outW;
    final int positions;
    final int fanIn;

    Im2col(Conv2dGeometry g, Shape in, Shape out) {
        this.g = g;
        inH = in.dim(1);
        inW = in.dim(2);
        outH = out.dim(1);
        outW = out.dim(2);
        positions = outH * outW;
        fanIn = g.fanIn();
    }

    void gather(float[] x, int xOff, float[] cols, int cOff) {
        int k = 0;
        for (int p = 0; p < outH; p++) {
            for (int q = 0; q < outW; q++) {
                for (int c = 0; c < g.inChannels(); c++) {
                    for (int u = 0; u < g.kernelH(); u++) {
                        int row = p * g.strideH() + u - g.padH();
                        for (int v = 0; v < g.kernelW(); v++) {
                            int col = q * g.strideW() + v - g.padW();
                            cols[cOff + k++] = row < 0 || row >= inH || col < 0 || col >= inW
                                    ? 0f : x[xOff + (c * inH + row) * inW + col];
                        }
                    }
                }
            }
        }
    }

    /** Adds patch gradients back onto the input positions they came from (padding is dropped). */
    void scatterAdd(float[] gcols, int cOff, float[] gx, int xOff) {
        int k = 0;
        for (int p = 0; p < outH; p++) {
            for (int q = 0; q < outW; q++) {
                for (int c = 0; c < g.inChannels(); c++) {
                    for (int u = 0; u < g.kernelH(); u++) {
                        int row = p * g.strideH() + u - g.padH();
                        for (int v = 0; v < g.kernelW(); v++) {
                            int col = q * g.strideW() + v - g.padW();
                            float d = gcols[cOff + k++];
                            if (row >= 0 && row < inH && col >= 0 && col < inW) {
                                gx[xOff + (c * inH + row) * inW + col] += d;
                            }
                        }
                    }
                }
            }
        }
    }
}
