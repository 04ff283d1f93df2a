package io.tnet.model.experiment;

import java.util.List;

/**
 * Everything one step-size sweep needs. {@link #paper()} is the setup of the paper's Figure 1 as far as it is
 * known (d = 200, n = 300, lambda = 3, iterations x eta = 10) with the sweep over (0, 0.012] and the zoom over
 * (0, 0.0015].
 *
 * @param d dimension
 * @param n training samples
 * @param lambda signal strength
 * @param testSamples fresh samples for the test accuracy
 * @param etaTimesIterations training horizon: each run takes {@code round(etaTimesIterations / eta)} steps
 * @param readings the network readings to run
 * @param normalization mean or sum loss
 * @param seeds one training set, test set and initialisation per seed (shared by all step sizes)
 * @param perCoordinateSeeds how many of {@code seeds} (the first ones) the per-coordinate reading runs: its steps
 *     cost ~20 times more and its runs differ little between seeds, whereas the shared-scalar reading needs
 *     enough seeds to meet all three initial sign patterns
 * @param grids the step-size grids
 * @param threads worker threads
 * @param hvp Hessian-vector products for the sharpness
 * @param powerIterations cap on power iterations per sharpness estimate
 */
public record SweepConfig(int d, int n, double lambda, int testSamples, double etaTimesIterations,
                          List<Reading> readings, LossNormalization normalization, List<Long> seeds,
                          int perCoordinateSeeds, List<Grid> grids, int threads, HvpMethod hvp, int powerIterations) {

    /**
     * A named list of step sizes.
     *
     * @param name e.g. {@code sweep} or {@code zoom}
     * @param etas positive step sizes
     */
    public record Grid(String name, double[] etas) {

        /** Checks that every step size is positive and finite. */
        public Grid {
            for (double eta : etas) {
                if (!(eta > 0) || Double.isInfinite(eta)) {
                    throw new IllegalArgumentException("step sizes must be positive and finite, got " + eta);
                }
            }
        }

        /** {@code count} equally spaced step sizes {@code max/count, 2 max/count, ..., max} (zero is left out:
         * it would need infinitely many steps). */
        public static Grid uniform(String name, double max, int count) {
            double[] etas = new double[count];
            for (int k = 1; k <= count; k++) {
                etas[k - 1] = max * k / count;
            }
            return new Grid(name, etas);
        }
    }

    /** Checks the numbers. */
    public SweepConfig {
        if (d < 1 || n < 1 || testSamples < 1 || !(etaTimesIterations > 0) || threads < 1 || powerIterations < 1) {
            throw new IllegalArgumentException("d, n, test samples, eta x iterations, threads and power iterations must be positive");
        }
        if (perCoordinateSeeds < 0) {
            throw new IllegalArgumentException("perCoordinateSeeds must not be negative");
        }
        readings = List.copyOf(readings);
        seeds = List.copyOf(seeds);
        grids = List.copyOf(grids);
    }

    /** The paper's setup with both readings, mean loss, seeds 1..{@code seeds}, sweep and zoom of 24 points each. */
    public static SweepConfig paper(int seeds, int threads) {
        List<Long> seedList = java.util.stream.LongStream.rangeClosed(1, seeds).boxed().toList();
        return new SweepConfig(200, 300, 3.0, 10_000, 10.0, List.of(Reading.SHARED_SCALAR, Reading.PER_COORDINATE),
                LossNormalization.MEAN, seedList, seeds,
                List.of(Grid.uniform("sweep", 0.012, 24), Grid.uniform("zoom", 0.0015, 24)), threads, HvpMethod.EXACT,
                1000);
    }

    /** The seeds a reading runs. */
    public List<Long> seedsFor(Reading reading) {
        return reading == Reading.PER_COORDINATE ? seeds.subList(0, Math.min(perCoordinateSeeds, seeds.size())) : seeds;
    }

    /** The predicted critical step size {@code 8 pi / d^2}. */
    public double etaStar() {
        return 8 * Math.PI / ((double) d * d);
    }

    /** Steps of a run at step size {@code eta}. */
    public int iterations(double eta) {
        return (int) Math.max(1, Math.round(etaTimesIterations / eta));
    }

    /** A copy with other readings. */
    public SweepConfig withReadings(List<Reading> r) {
        return new SweepConfig(d, n, lambda, testSamples, etaTimesIterations, r, normalization, seeds, perCoordinateSeeds, grids, threads, hvp, powerIterations);
    }

    /** A copy with other grids. */
    public SweepConfig withGrids(List<Grid> g) {
        return new SweepConfig(d, n, lambda, testSamples, etaTimesIterations, readings, normalization, seeds, perCoordinateSeeds, g, threads, hvp, powerIterations);
    }

    /** A copy with other seeds. */
    public SweepConfig withSeeds(List<Long> s) {
        return new SweepConfig(d, n, lambda, testSamples, etaTimesIterations, readings, normalization, s, s.size(), grids, threads, hvp, powerIterations);
    }
}
