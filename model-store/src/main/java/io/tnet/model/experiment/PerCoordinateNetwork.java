package io.tnet.model.experiment;

/**
 * The per-coordinate reading: parameters {@code [a+_0..a+_{d-1}, a-_0..a-_{d-1}, b]}. Each evaluation is a pass
 * over the {@code d} coordinates.
 *
 * @param d input dimension
 */
public record PerCoordinateNetwork(int d) implements ThresholdReluNetwork {

    /** Checks the dimension. */
    public PerCoordinateNetwork {
        if (d < 1) {
            throw new IllegalArgumentException("d must be positive: " + d);
        }
    }

    @Override
    public Reading reading() {
        return Reading.PER_COORDINATE;
    }

    @Override
    public int parameterCount() {
        return 2 * d + 1;
    }

    @Override
    public double output(double[] theta, Dataset data, int k) {
        double b = theta[2 * d];
        double[] x = data.x();
        int off = k * d;
        double f = 0;
        for (int i = 0; i < d; i++) {
            double xi = x[off + i];
            f += Math.max(theta[i] * xi + b, 0.0) - Math.max(theta[d + i] * xi + b, 0.0);
        }
        return f;
    }

    @Override
    public void addGradient(double[] theta, Dataset data, int k, double weight, double[] acc) {
        double b = theta[2 * d];
        double[] x = data.x();
        int off = k * d;
        double db = 0;
        for (int i = 0; i < d; i++) {
            double xi = x[off + i];
            if (theta[i] * xi + b > 0) {
                acc[i] += weight * xi;
                db += 1;
            }
            if (theta[d + i] * xi + b > 0) {
                acc[d + i] -= weight * xi;
                db -= 1;
            }
        }
        acc[2 * d] += weight * db;
    }

    @Override
    public int activeUnits(double[] theta, Dataset data, int k) {
        double b = theta[2 * d];
        int off = k * d;
        int active = 0;
        for (int i = 0; i < d; i++) {
            double xi = data.x()[off + i];
            active += (theta[i] * xi + b > 0 ? 1 : 0) + (theta[d + i] * xi + b > 0 ? 1 : 0);
        }
        return active;
    }

    /**
     * Fused: one pass for {@code f_k}, a second that recomputes the pre-activations instead of storing them. This
     * is the hot loop of the per-coordinate runs, so it runs on the Vector API where the JVM has it
     * ({@link PerCoordinateSimd}), else {@link #addLossGradientScalar}.
     */
    @Override
    public double addLossGradient(double[] theta, Dataset data, double w, double[] grad) {
        PerCoordinateSimd simd = Simd.KERNEL;
        return simd != null ? simd.addLossGradient(d, theta, data, w, grad) : addLossGradientScalar(theta, data, w, grad);
    }

    /** Holder so that a JVM without the Vector API only fails (and falls back) here. */
    private static final class Simd {
        static final PerCoordinateSimd KERNEL = load();

        private static PerCoordinateSimd load() {
            try {
                return PerCoordinateSimd.INSTANCE;
            } catch (LinkageError e) {
                return null;
            }
        }
    }

    /** The scalar loop behind {@link #addLossGradient}, also the reference for the vector one. */
    double addLossGradientScalar(double[] theta, Dataset data, double w, double[] grad) {
        double b = theta[2 * d];
        double[] x = data.x();
        double loss = 0;
        double db = 0;
        for (int k = 0; k < data.n(); k++) {
            int off = k * d;
            double f = 0;
            for (int i = 0; i < d; i++) {
                double xi = x[off + i];
                f += Math.max(theta[i] * xi + b, 0.0) - Math.max(theta[d + i] * xi + b, 0.0);
            }
            double y = data.y()[k];
            double z = y * f;
            loss += LogisticObjective.logistic(z);
            double c = w * y * LogisticObjective.logisticDerivative(z);
            double count = 0;
            for (int i = 0; i < d; i++) {
                double xi = x[off + i];
                double up = theta[i] * xi + b > 0 ? 1.0 : 0.0;
                double down = theta[d + i] * xi + b > 0 ? 1.0 : 0.0;
                grad[i] += c * up * xi;
                grad[d + i] -= c * down * xi;
                count += up - down;
            }
            db += c * count;
        }
        grad[2 * d] += db;
        return loss * w;
    }
}
