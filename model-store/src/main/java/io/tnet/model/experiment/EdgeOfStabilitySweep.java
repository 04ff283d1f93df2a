package io.tnet.model.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a {@link SweepConfig}: for every grid, reading, seed and step size, gradient descent from the seed's
 * initialisation on the seed's training set, then the final bias, test accuracy, sharpness and loss oscillation.
 *
 * <p>Runs are independent and go to a fixed pool of {@link SweepConfig#threads()} workers, longest first (the
 * smallest step sizes take the most steps), so two workers stay busy to the end. Results do not depend on the
 * number of threads: each seed's random streams are split from the seed alone.
 */
public final class EdgeOfStabilitySweep {

    private final SweepConfig config;
    private final Map<Long, Seeded> seeded = new ConcurrentHashMap<>();
    private final Map<String, Sharpness.Estimate> initialSharpness = new ConcurrentHashMap<>();

    /** The data and initial parameters of one seed. */
    private record Seeded(Dataset train, Dataset test, double[] initPerCoordinate, double[] initShared,
                          long powerSeed) {
    }

    /** A sweep over {@code config}. */
    public EdgeOfStabilitySweep(SweepConfig config) {
        this.config = config;
    }

    /** Runs everything and returns the results ordered by grid, reading, seed and step size. */
    public List<RunResult> run(Consumer<RunResult> progress) {
        record Task(String grid, Reading reading, long seed, double eta) {
        }
        List<Task> tasks = new ArrayList<>();
        for (SweepConfig.Grid grid : config.grids()) {
            for (Reading reading : config.readings()) {
                for (long seed : config.seedsFor(reading)) {
                    for (double eta : grid.etas()) {
                        tasks.add(new Task(grid.name(), reading, seed, eta));
                    }
                }
            }
        }
        // Longest first; per-coordinate steps cost ~d times more than shared-scalar ones.
        tasks.sort(Comparator.comparingDouble((Task t) ->
                -config.iterations(t.eta()) * (t.reading() == Reading.PER_COORDINATE ? config.d() : 1.0)));
        List<RunResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(config.threads())) {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> {
                    RunResult r = runOne(t.grid(), t.reading(), t.seed(), t.eta());
                    if (progress != null) {
                        progress.accept(r);
                    }
                    return r;
                }));
            }
            for (Future<RunResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        }
        List<String> gridOrder = config.grids().stream().map(SweepConfig.Grid::name).toList();
        results.sort(Comparator.comparingInt((RunResult r) -> gridOrder.indexOf(r.grid()))
                .thenComparing(RunResult::reading).thenComparingLong(RunResult::seed)
                .thenComparingDouble(RunResult::eta));
        return results;
    }

    /** One run; public so that tests and the command line can run single points. */
    public RunResult runOne(String grid, Reading reading, long seed, double eta) {
        long start = System.nanoTime();
        Seeded s = seeded(seed);
        ThresholdReluNetwork network = ThresholdReluNetwork.of(reading, config.d());
        double[] theta0 = reading == Reading.PER_COORDINATE ? s.initPerCoordinate() : s.initShared();
        LogisticObjective objective = new LogisticObjective(network, s.train(), config.normalization());
        Sharpness.Estimate sharpInit = initialSharpness.computeIfAbsent(reading + "/" + seed,
                key -> sharpness(objective, theta0, s.powerSeed()));
        int iterations = config.iterations(eta);
        GradientDescent.Trajectory trajectory = GradientDescent.run(objective, theta0, eta, iterations);
        double[] theta = trajectory.finalTheta();
        Sharpness.Estimate sharpEnd = trajectory.diverged()
                ? new Sharpness.Estimate(Double.NaN, 0, false)
                : sharpness(objective, theta, s.powerSeed());
        double minBias = Double.POSITIVE_INFINITY;
        for (double b : trajectory.biases()) {
            minBias = Math.min(minBias, b);
        }
        int d = config.d();
        return new RunResult(grid, reading, config.normalization(), seed, InitSigns.of(network, theta0), eta,
                eta / config.etaStar(), trajectory.steps(), meanPlus(network, theta0), meanMinus(network, theta0),
                meanPlus(network, theta), meanMinus(network, theta), theta[network.biasIndex()], minBias,
                trajectory.losses()[0], trajectory.losses()[trajectory.losses().length - 1],
                objective.accuracy(theta, s.test()), sharpInit.value(), sharpEnd.value(),
                Oscillation.of(trajectory.losses()), objective.activeFraction(theta, s.train()),
                trajectory.diverged(), (System.nanoTime() - start) / 1_000_000);
    }

    /** The training set, test set and initialisations of a seed (cached). */
    Dataset trainingSet(long seed) {
        return seeded(seed).train();
    }

    /** The initial parameters of a seed for a reading (a copy). */
    double[] initialParameters(Reading reading, long seed) {
        Seeded s = seeded(seed);
        return (reading == Reading.PER_COORDINATE ? s.initPerCoordinate() : s.initShared()).clone();
    }

    private Seeded seeded(long seed) {
        return seeded.computeIfAbsent(seed, key -> {
            SplittableRandom root = new SplittableRandom(key);
            SparseCoding distribution = new SparseCoding(config.d(), config.lambda());
            Dataset train = distribution.sample(config.n(), root.split());
            Dataset test = distribution.sample(config.testSamples(), root.split());
            double[] perCoordinate = new PerCoordinateNetwork(config.d()).initialParameters(root.split());
            double[] shared = new SharedScalarNetwork(config.d()).initialParameters(root.split());
            return new Seeded(train, test, perCoordinate, shared, root.nextLong());
        });
    }

    private Sharpness.Estimate sharpness(LogisticObjective objective, double[] theta, long powerSeed) {
        return Sharpness.powerIteration(config.hvp().hessian(objective, theta), new SplittableRandom(powerSeed),
                config.powerIterations(), 1e-7);
    }

    private static double meanPlus(ThresholdReluNetwork network, double[] theta) {
        return mean(theta, 0, (network.parameterCount() - 1) / 2);
    }

    private static double meanMinus(ThresholdReluNetwork network, double[] theta) {
        int half = (network.parameterCount() - 1) / 2;
        return mean(theta, half, half);
    }

    private static double mean(double[] v, int from, int count) {
        double s = 0;
        for (int i = from; i < from + count; i++) {
            s += v[i];
        }
        return s / count;
    }
}
