package io.tnet.model.experiment;

/**
 * The shared-scalar reading (the paper's "mean model"): parameters {@code [a+, a-, b]}, the same two weights for
 * every coordinate.
 *
 * <p>{@code sum_i relu(a x_i + b)} only depends on which coordinates satisfy {@code a x_i + b > 0}, a prefix or
 * suffix of the sorted row, so each evaluation is one binary search over {@link Dataset#sorted()} plus a lookup in
 * {@link Dataset#prefix()}: O(log d) instead of O(d). That is what lets the zoom over small step sizes (up to
 * 160,000 iterations) run in seconds.
 *
 * @param d input dimension
 */
public record SharedScalarNetwork(int d) implements ThresholdReluNetwork {

    /** Checks the dimension. */
    public SharedScalarNetwork {
        if (d < 1) {
            throw new IllegalArgumentException("d must be positive: " + d);
        }
    }

    @Override
    public Reading reading() {
        return Reading.SHARED_SCALAR;
    }

    @Override
    public int parameterCount() {
        return 3;
    }

    @Override
    public double output(double[] theta, Dataset data, int k) {
        return unitSum(theta[0], theta[2], data, k) - unitSum(theta[1], theta[2], data, k);
    }

    @Override
    public void addGradient(double[] theta, Dataset data, int k, double weight, double[] acc) {
        double b = theta[2];
        long plus = activeRange(theta[0], b, data, k);
        long minus = activeRange(theta[1], b, data, k);
        acc[0] += weight * rangeSum(plus, data, k);
        acc[1] -= weight * rangeSum(minus, data, k);
        acc[2] += weight * (rangeCount(plus) - rangeCount(minus));
    }

    @Override
    public int activeUnits(double[] theta, Dataset data, int k) {
        return rangeCount(activeRange(theta[0], theta[2], data, k)) + rangeCount(activeRange(theta[1], theta[2], data, k));
    }

    /** {@code sum_i relu(a x_i + b)} over row k. */
    private double unitSum(double a, double b, Dataset data, int k) {
        long range = activeRange(a, b, data, k);
        return a * rangeSum(range, data, k) + b * rangeCount(range);
    }

    /**
     * The sorted indices {@code [from, to)} of the units with {@code a x_i + b > 0}, packed as {@code from << 32 | to}.
     * The active set is a suffix for {@code a > 0}, a prefix for {@code a < 0}, all or nothing for {@code a = 0}.
     */
    private long activeRange(double a, double b, Dataset data, int k) {
        int d = this.d;
        if (a > 0) {
            // a x + b > 0  <=>  x > -b/a
            return (long) firstAbove(data.sorted(), k * d, d, -b / a) << 32 | d;
        } else if (a < 0) {
            // a x + b > 0  <=>  x < -b/a
            return firstAtLeast(data.sorted(), k * d, d, -b / a);
        }
        return b > 0 ? d : 0;
    }

    private static int rangeCount(long range) {
        return (int) range - (int) (range >>> 32);
    }

    private double rangeSum(long range, Dataset data, int k) {
        int base = k * (d + 1);
        return data.prefix()[base + (int) range] - data.prefix()[base + (int) (range >>> 32)];
    }

    /** First index m in [0, len) with {@code a[off+m] > t}, or len. */
    private static int firstAbove(double[] a, int off, int len, double t) {
        int lo = 0;
        int hi = len;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[off + mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** First index m in [0, len) with {@code a[off+m] >= t}, or len. */
    private static int firstAtLeast(double[] a, int off, int len, double t) {
        int lo = 0;
        int hi = len;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[off + mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
