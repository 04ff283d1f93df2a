package io.tnet.model.experiment;

/**
 * The training objective {@code L(theta) = w * sum_k log(1 + exp(-y_k f(x_k)))} with {@code w = 1/n} (mean) or
 * {@code 1} (sum), its gradient, and two Hessian-vector products.
 *
 * <p>The network is piecewise linear in its parameters (a ReLU of a function linear in {@code (a, b)}), so off the
 * kinks its Hessian is exactly the Gauss-Newton matrix {@code w * sum_k loss''(y_k f_k) grad f_k grad f_k^T}:
 * {@link #gaussNewton(double[])} is the exact Hessian almost everywhere, and positive semi-definite. The
 * finite-difference product {@link #finiteDifferenceHvp} differentiates exact gradients instead and therefore also
 * sees the kinks that a small step crosses. Instances are immutable and thread-safe.
 *
 * @param network the model
 * @param data the training set
 * @param normalization mean or sum
 */
public record LogisticObjective(ThresholdReluNetwork network, Dataset data, LossNormalization normalization) {

    /** Checks that network and data agree on the dimension. */
    public LogisticObjective {
        if (network.d() != data.d()) {
            throw new IllegalArgumentException("network d=" + network.d() + " but data d=" + data.d());
        }
    }

    /** {@code log(1 + exp(-z))}, without overflow. */
    static double logistic(double z) {
        return Math.max(-z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** d/dz {@code log(1 + exp(-z))} = {@code -1/(1 + exp(z))}. */
    static double logisticDerivative(double z) {
        double e = Math.exp(-Math.abs(z));
        return z > 0 ? -e / (1 + e) : -1 / (1 + e);
    }

    /** d^2/dz^2 {@code log(1 + exp(-z))} = {@code sigma(z) sigma(-z)}. */
    static double logisticCurvature(double z) {
        double e = Math.exp(-Math.abs(z));
        return e / ((1 + e) * (1 + e));
    }

    /** The loss at {@code theta}. */
    public double loss(double[] theta) {
        double s = 0;
        for (int k = 0; k < data.n(); k++) {
            s += logistic(data.y()[k] * network.output(theta, data, k));
        }
        return s * normalization.weight(data.n());
    }

    /** Writes the gradient at {@code theta} into {@code grad} (overwritten) and returns the loss. */
    public double lossAndGradient(double[] theta, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        return network.addLossGradient(theta, data, normalization.weight(data.n()), grad);
    }

    /**
     * Fraction of samples of {@code test} that {@code sign(f)} classifies correctly; {@code f = 0} (e.g. a network
     * whose units are all inactive) counts as half right, the expected score of a coin flip.
     */
    public double accuracy(double[] theta, Dataset test) {
        double correct = 0;
        for (int k = 0; k < test.n(); k++) {
            double margin = test.y()[k] * network.output(theta, test, k);
            correct += margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
        }
        return correct / test.n();
    }

    /** Fraction of the {@code 2d} units that are active, averaged over the samples of {@code set}. */
    public double activeFraction(double[] theta, Dataset set) {
        long active = 0;
        for (int k = 0; k < set.n(); k++) {
            active += network.activeUnits(theta, set, k);
        }
        return (double) active / (2.0 * set.d() * set.n());
    }

    /** The exact (almost everywhere) Hessian at {@code theta} as a Gauss-Newton operator. */
    public SymmetricOperator gaussNewton(double[] theta) {
        int n = data.n();
        int p = network.parameterCount();
        double[] jacobian = new double[n * p];
        double[] weights = new double[n];
        double w = normalization.weight(n);
        double[] row = new double[p];
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(row, 0.0);
            double f = network.output(theta, data, k);
            network.addGradient(theta, data, k, 1.0, row);
            System.arraycopy(row, 0, jacobian, k * p, p);
            weights[k] = w * logisticCurvature(data.y()[k] * f);
        }
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public void apply(double[] v, double[] out) {
                java.util.Arrays.fill(out, 0.0);
                for (int k = 0; k < n; k++) {
                    int off = k * p;
                    double jv = 0;
                    for (int q = 0; q < p; q++) {
                        jv += jacobian[off + q] * v[q];
                    }
                    double c = weights[k] * jv;
                    for (int q = 0; q < p; q++) {
                        out[q] += c * jacobian[off + q];
                    }
                }
            }
        };
    }

    /**
     * The Hessian at {@code theta} as central differences of exact gradients,
     * {@code (grad L(theta + eps v) - grad L(theta - eps v)) / (2 eps)} with {@code eps = step / |v|}.
     */
    public SymmetricOperator finiteDifferenceHvp(double[] theta, double step) {
        int p = network.parameterCount();
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public void apply(double[] v, double[] out) {
                double norm = Math.sqrt(Vectors.dot(v, v));
                double eps = step / (norm == 0 ? 1 : norm);
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                for (int q = 0; q < p; q++) {
                    plus[q] += eps * v[q];
                    minus[q] -= eps * v[q];
                }
                double[] gMinus = new double[p];
                lossAndGradient(plus, out);
                lossAndGradient(minus, gMinus);
                for (int q = 0; q < p; q++) {
                    out[q] = (out[q] - gMinus[q]) / (2 * eps);
                }
            }
        };
    }
}
