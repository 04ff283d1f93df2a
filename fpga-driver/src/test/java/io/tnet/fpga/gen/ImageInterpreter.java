package io.tnet.fpga.gen;

import io.tnet.model.reference.IntegerOps;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Executes packed images the way the accelerator does (descriptor by descriptor, word by word), in
 * Java. Independent of {@link ModelPacker}: it only reads the documented image formats, so comparing
 * it with the reference evaluator checks the packing and the documentation together.
 */
final class ImageInterpreter {

    private ImageInterpreter() {
    }

    static byte[] run(AcceleratorConfig c, byte[] desc, byte[] thr, byte[] sgn, byte[] bias, int numLayers,
                      byte[] in, int batch) {
        int pe = c.pe(), simd = c.simd();
        ByteBuffer d = ByteBuffer.wrap(desc).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer bb = ByteBuffer.wrap(bias).order(ByteOrder.LITTLE_ENDIAN);
        int in0 = d.getInt(4);
        int outL = d.getInt((numLayers - 1) * 32 + 8);
        int inStride = ceil(in0, simd) * simd, outStride = ceil(outL, simd) * simd;
        byte[] out = new byte[batch * outStride];
        for (int b = 0; b < batch; b++) {
            byte[] x = new byte[inStride];
            System.arraycopy(in, b * inStride, x, 0, inStride);
            for (int l = 0; l < numLayers; l++) {
                int inputs = d.getInt(l * 32 + 4), outputs = d.getInt(l * 32 + 8), k = d.getInt(l * 32 + 12);
                int thrWord = d.getInt(l * 32 + 16) / c.thrWordBytes();
                int sgnWord = d.getInt(l * 32 + 20) / c.sgnWordBytes();
                int biasWord = d.getInt(l * 32 + 24) / c.biasWordBytes();
                int groups = ceil(outputs, pe), chunks = ceil(inputs, simd);
                byte[] y = new byte[Math.max(groups * pe, ceil(outputs, simd) * simd)];
                for (int g = 0; g < groups; g++) {
                    for (int p = 0; p < pe; p++) {
                        long acc = bb.getInt((biasWord + g) * c.biasWordBytes() + 4 * p);
                        for (int ch = 0; ch < chunks; ch++) {
                            int word = g * chunks + ch;
                            for (int s = 0; s < simd; s++) {
                                int lane = p * simd + s;
                                byte theta = thr[(thrWord + word) * c.thrWordBytes() + lane];
                                int code = (sgn[(sgnWord + word) * c.sgnWordBytes() + lane / 4] >> (2 * (lane % 4))) & 3;
                                int sign = code == 1 ? 1 : code == 3 ? -1 : 0;
                                int xi = ch * simd + s;
                                byte xv = xi < x.length ? x[xi] : 0;
                                acc += IntegerOps.thresholdTerm(xv, theta, (byte) sign);
                            }
                        }
                        y[g * pe + p] = IntegerOps.requantize(acc, k);
                    }
                }
                x = y;
            }
            System.arraycopy(x, 0, out, b * outStride, Math.min(outStride, x.length));
        }
        return out;
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
