package io.tnet.model.experiment;

/**
 * Sign pattern of the initial first-layer weights, which decides the early dynamics of the shared-scalar network.
 *
 * <p>With {@code b = 0}, {@code d f / d b = #{i: a+ x_i > 0} - #{i: a- x_i > 0}}, which is exactly zero when
 * {@code a+} and {@code a-} have the same sign: the bias cannot move until one weight changes sign, and the network
 * is {@code (a+ - a-) sum_i relu(+-x_i)}, a one-dimensional logistic regression on a feature with mean
 * {@code d/sqrt(2 pi)}. With {@code a+ > 0 > a-} the network starts as the linear classifier
 * {@code ~ sum_i x_i} and the bias gets a gradient at once; with {@code a+ < 0 < a-} it starts as the reversed one.
 */
public enum InitSigns {
    /** {@code a+ * a- > 0}. */
    SAME,
    /** {@code a+ > 0 > a-}: oriented like a threshold neuron {@code relu(x - t) - relu(-x - t)}. */
    ALIGNED,
    /** {@code a+ < 0 < a-}: the reversed orientation. */
    REVERSED,
    /** Per-coordinate weights: a mixture of all three, per coordinate. */
    MIXED;

    /** Lower-case label for CSV and plots. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Classifies an initial parameter vector. */
    public static InitSigns of(ThresholdReluNetwork network, double[] theta) {
        if (network.reading() == Reading.PER_COORDINATE) {
            return MIXED;
        }
        double plus = theta[0];
        double minus = theta[1];
        if (plus * minus > 0) {
            return SAME;
        }
        return plus > 0 || minus < 0 ? ALIGNED : REVERSED;
    }
}
