package io.tnet.model.train;

/**
 * The ternarization rule of threshold layers: per layer, {@code delta = 0.7 * mean|w|} over the latent
 * weights; a synapse's sign is {@code sign(w)} where {@code |w| > delta}, else 0 (absent). The backward
 * pass treats ternarization as the identity (straight-through estimator): the gradient with respect to
 * the sign is applied to the latent weight, which is then clipped to [-1, 1].
 */
final class Ternary {

    static final float DELTA_FACTOR = 0.7f;

    private Ternary() {
    }

    static void ternarize(float[] latent, float[] signs) {
        double sum = 0;
        for (float w : latent) {
            sum += Math.abs(w);
        }
        float delta = (float) (DELTA_FACTOR * sum / latent.length);
        for (int i = 0; i < latent.length; i++) {
            float w = latent[i];
            signs[i] = w > delta ? 1f : w < -delta ? -1f : 0f;
        }
    }

    static byte[] toBytes(float[] signs) {
        byte[] b = new byte[signs.length];
        for (int i = 0; i < signs.length; i++) {
            b[i] = (byte) signs[i];
        }
        return b;
    }
}
