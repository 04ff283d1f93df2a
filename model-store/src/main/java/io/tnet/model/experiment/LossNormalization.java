package io.tnet.model.experiment;

/**
 * Whether the training loss averages or sums the per-sample logistic losses. The sum multiplies gradient and
 * Hessian by {@code n}, so every critical step size shrinks by {@code n}; the paper's {@code eta* = 8*pi/d^2}
 * matches the mean (see {@code docs/experiments/edge-of-stability.md}).
 */
public enum LossNormalization {
    /** {@code (1/n) sum_k loss_k} (default). */
    MEAN,
    /** {@code sum_k loss_k}. */
    SUM;

    /** Factor applied to each sample's loss. */
    double weight(int n) {
        return this == MEAN ? 1.0 / n : 1.0;
    }
}
