package io.tnet.model.experiment;

import java.util.random.RandomGenerator;

/**
 * Sharpness (the largest Hessian eigenvalue) by power iteration on Hessian-vector products.
 *
 * <p>Power iteration finds the eigenvalue of largest magnitude; for the Gauss-Newton operator, which is positive
 * semi-definite, that is the top one. It stops when the Rayleigh quotient changes by less than {@code tolerance}
 * (relative) between iterations, or after {@code maxIterations}.
 */
public final class Sharpness {

    /**
     * One estimate.
     *
     * @param value the Rayleigh quotient at the last iterate
     * @param iterations power iterations used
     * @param converged whether the tolerance was met
     */
    public record Estimate(double value, int iterations, boolean converged) {
    }

    private Sharpness() {
    }

    /** Estimates the top eigenvalue of {@code h} from a random start drawn from {@code rng}. */
    public static Estimate powerIteration(SymmetricOperator h, RandomGenerator rng, int maxIterations, double tolerance) {
        int p = h.dimension();
        double[] v = new double[p];
        for (int q = 0; q < p; q++) {
            v[q] = rng.nextGaussian();
        }
        scale(v, 1 / Vectors.norm(v));
        double[] hv = new double[p];
        double previous = Double.NaN;
        for (int it = 1; it <= maxIterations; it++) {
            h.apply(v, hv);
            double rayleigh = Vectors.dot(v, hv);
            double norm = Vectors.norm(hv);
            if (norm == 0 || !Double.isFinite(norm)) {
                return new Estimate(rayleigh, it, norm == 0);
            }
            if (Math.abs(rayleigh - previous) <= tolerance * Math.abs(rayleigh)) {
                return new Estimate(rayleigh, it, true);
            }
            previous = rayleigh;
            for (int q = 0; q < p; q++) {
                v[q] = hv[q] / norm;
            }
        }
        return new Estimate(previous, maxIterations, false);
    }

    private static void scale(double[] v, double c) {
        for (int q = 0; q < v.length; q++) {
            v[q] *= c;
        }
    }
}
