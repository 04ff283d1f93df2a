package io.tnet.model;

/**
 * Fixed-point formats at the edges of an int8 model. The input (after {@link Preprocessing}) is
 * quantized as {@code q = sat8(roundHalfUp(x * 2^inputFracBits))}; the int8 output codes are read as
 * {@code y = q * 2^-outputFracBits}. Powers of two, so no multiplier is needed on either side.
 * Float models use {@link #NONE}.
 */
public record Quantization(int inputFracBits, int outputFracBits) {

    public static final Quantization NONE = new Quantization(0, 0);

    public Quantization {
        if (inputFracBits < -16 || inputFracBits > 16 || outputFracBits < -16 || outputFracBits > 16) {
            throw new InvalidModelException(InvalidModelException.Problem.BAD_VALUE,
                    "quantization fraction bits must lie in [-16, 16], got " + inputFracBits + ", " + outputFracBits);
        }
    }
}
