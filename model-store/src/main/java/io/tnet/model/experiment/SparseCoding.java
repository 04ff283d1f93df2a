package io.tnet.model.experiment;

import java.util.random.RandomGenerator;

/**
 * The sparse-coding distribution of the paper: {@code x = lambda * y * e_j + xi} with a label {@code y = +-1},
 * a uniformly random coordinate {@code j} and Gaussian noise {@code xi ~ N(0, I_d)}.
 *
 * <p>Only one coordinate carries the label, and with {@code lambda = 3} it carries it well
 * ({@code P(sign(x_j) = y) ~ 0.9987}); the other {@code d - 1} coordinates are pure noise. A linear classifier
 * {@code sign(sum_i x_i)} therefore sees signal {@code lambda} against noise {@code sqrt(d)} and reaches only
 * {@code Phi(lambda/sqrt(d))} (about 58% for d = 200), whereas thresholding each coordinate first
 * ({@code sum_i relu(x_i - t) - relu(-x_i - t)}) suppresses the noise: that is why a negative bias helps.
 *
 * @param d dimension
 * @param lambda signal strength
 */
public record SparseCoding(int d, double lambda) {

    /** Checks the parameters. */
    public SparseCoding {
        if (d < 1 || !(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("need d >= 1 and a finite lambda >= 0, got d=" + d + ", lambda=" + lambda);
        }
    }

    /** Draws {@code n} independent labelled samples. */
    public Dataset sample(int n, RandomGenerator rng) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double label = rng.nextBoolean() ? 1.0 : -1.0;
            int j = rng.nextInt(d);
            for (int i = 0; i < d; i++) {
                x[k * d + i] = rng.nextGaussian();
            }
            x[k * d + j] += lambda * label;
            y[k] = label;
        }
        return Dataset.of(d, x, y);
    }
}
