package io.tnet.model.reference;

/**
 * The integer primitives of int8 mode, defined once. Every implementation (CPU kernel, C mock,
 * RTL) must reproduce these bit for bit; {@code docs/neuron.md} states the same rules in prose.
 */
public final class IntegerOps {

    private IntegerOps() {
    }

    /** Saturates to the int8 range [-128, 127]. */
    public static byte sat8(long v) {
        return (byte) Math.max(-128, Math.min(127, v));
    }

    /**
     * Requantization: multiply the accumulator by {@code 2^scaleExp} and saturate to int8.
     * For {@code scaleExp < 0} this is an arithmetic right shift by {@code r = -scaleExp} with
     * round-half-up: {@code (acc + 2^(r-1)) >> r}, so 2.5 -> 3 and -2.5 -> -2. For
     * {@code scaleExp >= 0} it is a left shift (exact; the result then saturates).
     */
    public static byte requantize(long acc, int scaleExp) {
        if (scaleExp >= 0) {
            return sat8(acc << scaleExp);
        }
        int r = -scaleExp;
        return sat8((acc + (1L << (r - 1))) >> r);
    }

    /**
     * Quantizes a (preprocessed) float input to int8: {@code sat8(floor(x * 2^fracBits + 0.5))}.
     *
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     */
    public static byte quantize(float x, int fracBits) {
        if (!Float.isFinite(x)) {
            throw new IllegalArgumentException("input value " + x + " is not finite");
        }
        double scaled = Math.floor(Math.scalb((double) x, fracBits) + 0.5);
        return (byte) Math.max(-128, Math.min(127, scaled));
    }

    /** Reads an int8 code as a real value: {@code q * 2^-fracBits} (exact in float). */
    public static float dequantize(byte q, int fracBits) {
        return Math.scalb((float) q, -fracBits);
    }

    /** One threshold synapse in int8 mode: {@code s * max(x - theta, 0)}, in [-255, 255]. */
    public static int thresholdTerm(byte x, byte theta, byte sign) {
        return sign * Math.max(x - theta, 0);
    }
}
