package io.tnet.model;

/**
 * Affine map from the client's raw input to the model's input: {@code x = raw * scale + offset},
 * e.g. {@code scale = 1/255} for 8-bit pixels. Identity is {@code (1, 0)}.
 */
public record Preprocessing(float scale, float offset) {

    public static final Preprocessing IDENTITY = new Preprocessing(1f, 0f);

    public Preprocessing {
        if (!Float.isFinite(scale) || !Float.isFinite(offset) || scale == 0f) {
            throw new InvalidModelException(InvalidModelException.Problem.BAD_VALUE,
                    "preprocessing scale must be finite and non-zero and offset finite, got " + scale + ", " + offset);
        }
    }

    public boolean isIdentity() {
        return scale == 1f && offset == 0f;
    }

    public float apply(float raw) {
        return raw * scale + offset;
    }
}
