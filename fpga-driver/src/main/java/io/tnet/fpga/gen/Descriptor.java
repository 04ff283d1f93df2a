package io.tnet.fpga.gen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One layer descriptor as the accelerator reads it from the DESC region: eight little-endian u32
 * words at {@code DESC + 32 * layer}.
 *
 * @param kind       {@link #KIND_THRESHOLD_DENSE} or {@link #KIND_DENSE}
 * @param relu       apply ReLU after requantization (MI layers only)
 * @param inputs     fan-in
 * @param outputs    fan-out
 * @param scaleExp   power-of-two output scale (requantization shift), two's complement
 * @param thrOffset  byte offset of the layer's first word in THR (multiple of the THR word size)
 * @param sgnOffset  byte offset of the layer's first word in SGN (multiple of the SGN word size)
 * @param biasOffset byte offset of the layer's first word in BIAS (multiple of the BIAS word size)
 */
public record Descriptor(int kind, boolean relu, int inputs, int outputs, int scaleExp, int thrOffset,
                         int sgnOffset, int biasOffset) {

    /** Bytes per descriptor. */
    public static final int BYTES = 32;
    /** Layer kinds in word 0 bits [7:0]. */
    public static final int KIND_THRESHOLD_DENSE = 1, KIND_DENSE = 2;
    /** Word indices. */
    public static final int W_KIND = 0, W_INPUTS = 1, W_OUTPUTS = 2, W_SCALE_EXP = 3, W_THR_OFFSET = 4,
            W_SGN_OFFSET = 5, W_BIAS_OFFSET = 6, W_RESERVED = 7;

    /** The 32 little-endian bytes. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(kind | (relu ? 1 << 8 : 0)).putInt(inputs).putInt(outputs).putInt(scaleExp)
                .putInt(thrOffset).putInt(sgnOffset).putInt(biasOffset).putInt(0);
        return b.array();
    }
}
