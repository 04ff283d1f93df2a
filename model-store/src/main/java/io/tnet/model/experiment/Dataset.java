package io.tnet.model.experiment;

import java.util.Arrays;

/**
 * A labelled sample of {@code n} points in {@code d} dimensions, stored row-major, with each row also kept
 * sorted together with its prefix sums.
 *
 * <p>The sorted copy is what makes the shared-scalar network cheap: with one weight for every coordinate,
 * {@code sum_i relu(a*x_i + b)} only depends on which coordinates lie beyond {@code -b/a}, so one binary search
 * per sample replaces a pass over all {@code d} coordinates. Instances are immutable by convention (the
 * arrays are not copied out; callers must not modify them) and safe to share between threads.
 *
 * @param n number of samples
 * @param d dimension
 * @param x features, {@code x[k*d + i]}
 * @param y labels, each {@code +1} or {@code -1}
 * @param sorted each row of {@code x} sorted ascending
 * @param prefix {@code prefix[k*(d+1) + m]} = sum of the {@code m} smallest entries of row {@code k}
 */
public record Dataset(int n, int d, double[] x, double[] y, double[] sorted, double[] prefix) {

    /** Checks the shapes; use {@link #of(int, double[], double[])} to build the sorted views. */
    public Dataset {
        if (n < 1 || d < 1 || x.length != n * d || y.length != n || sorted.length != n * d
                || prefix.length != n * (d + 1)) {
            throw new IllegalArgumentException("inconsistent dataset shapes: n=" + n + ", d=" + d);
        }
    }

    /** Builds a dataset from row-major features and labels, computing the sorted rows and prefix sums. */
    public static Dataset of(int d, double[] x, double[] y) {
        int n = y.length;
        double[] sorted = x.clone();
        double[] prefix = new double[n * (d + 1)];
        for (int k = 0; k < n; k++) {
            Arrays.sort(sorted, k * d, (k + 1) * d);
            double s = 0;
            prefix[k * (d + 1)] = 0;
            for (int m = 0; m < d; m++) {
                s += sorted[k * d + m];
                prefix[k * (d + 1) + m + 1] = s;
            }
        }
        return new Dataset(n, d, x, y, sorted, prefix);
    }
}
