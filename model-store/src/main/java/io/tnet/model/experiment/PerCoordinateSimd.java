package io.tnet.model.experiment;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-coordinate network's fused loss-and-gradient pass on the JDK Vector API: the hot loop of the sweep
 * (each per-coordinate step touches n * 2d units). Same arithmetic as
 * {@link PerCoordinateNetwork#addLossGradientScalar}, summed in a different order, so results agree to rounding.
 *
 * <p>Reached only through {@link PerCoordinateNetwork}'s holder: a JVM started without
 * {@code --add-modules jdk.incubator.vector} fails to link this class there and gets the scalar loop instead.
 */
final class PerCoordinateSimd {

    // Declared before INSTANCE: static initialisers run in textual order.
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** The vector kernel, or {@code null} when the Vector API has lanes of one double. */
    static final PerCoordinateSimd INSTANCE = SPECIES.length() >= 2 ? new PerCoordinateSimd() : null;

    private PerCoordinateSimd() {
    }

    double addLossGradient(int d, double[] theta, Dataset data, double w, double[] grad) {
        double b = theta[2 * d];
        double[] x = data.x();
        int lanes = SPECIES.length();
        int upper = SPECIES.loopBound(d);
        DoubleVector bias = DoubleVector.broadcast(SPECIES, b);
        double loss = 0;
        double db = 0;
        for (int k = 0; k < data.n(); k++) {
            int off = k * d;
            DoubleVector acc = DoubleVector.zero(SPECIES);
            int i = 0;
            for (; i < upper; i += lanes) {
                DoubleVector xi = DoubleVector.fromArray(SPECIES, x, off + i);
                DoubleVector up = DoubleVector.fromArray(SPECIES, theta, i).fma(xi, bias).max(0.0);
                DoubleVector down = DoubleVector.fromArray(SPECIES, theta, d + i).fma(xi, bias).max(0.0);
                acc = acc.add(up).sub(down);
            }
            double f = acc.reduceLanes(VectorOperators.ADD);
            for (; i < d; i++) {
                double xi = x[off + i];
                f += Math.max(theta[i] * xi + b, 0.0) - Math.max(theta[d + i] * xi + b, 0.0);
            }
            double y = data.y()[k];
            double z = y * f;
            loss += LogisticObjective.logistic(z);
            double c = w * y * LogisticObjective.logisticDerivative(z);
            int count = 0;
            i = 0;
            for (; i < upper; i += lanes) {
                DoubleVector xi = DoubleVector.fromArray(SPECIES, x, off + i);
                DoubleVector cx = xi.mul(c);
                VectorMask<Double> up = DoubleVector.fromArray(SPECIES, theta, i).fma(xi, bias)
                        .compare(VectorOperators.GT, 0.0);
                VectorMask<Double> down = DoubleVector.fromArray(SPECIES, theta, d + i).fma(xi, bias)
                        .compare(VectorOperators.GT, 0.0);
                DoubleVector.fromArray(SPECIES, grad, i).add(cx, up).intoArray(grad, i);
                DoubleVector.fromArray(SPECIES, grad, d + i).sub(cx, down).intoArray(grad, d + i);
                count += up.trueCount() - down.trueCount();
            }
            for (; i < d; i++) {
                double xi = x[off + i];
                if (theta[i] * xi + b > 0) {
                    grad[i] += c * xi;
                    count++;
                }
                if (theta[d + i] * xi + b > 0) {
                    grad[d + i] -= c * xi;
                    count--;
                }
            }
            db += c * count;
        }
        grad[2 * d] += db;
        return loss * w;
    }
}
