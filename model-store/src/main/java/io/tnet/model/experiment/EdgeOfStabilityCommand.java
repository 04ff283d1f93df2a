package io.tnet.model.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet experiment edge-of-stability}: the step-size sweep of Ahn et al. (2023), written as CSV, a text
 * summary and PNG plots into {@code --out}.
 */
@Command(name = "edge-of-stability", mixinStandardHelpOptions = true,
        description = {"Sweeps gradient descent's step size on the sparse-coding task of Ahn et al. (NeurIPS 2023)",
                "and records final bias, test accuracy, sharpness and loss oscillation per run."})
public final class EdgeOfStabilityCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "target/edge-of-stability",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--readings", split = ",", defaultValue = "shared-scalar,per-coordinate",
            converter = ReadingConverter.class,
            description = "Network readings: shared-scalar, per-coordinate (default: ${DEFAULT-VALUE}).")
    List<Reading> readings;

    @Option(names = "--loss", defaultValue = "mean", converter = LossConverter.class,
            description = "mean (default) or sum of the per-sample logistic losses.")
    LossNormalization loss;

    @Option(names = "--seeds", defaultValue = "8", description = "Seeds 1..N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--per-coordinate-seeds", defaultValue = "4",
            description = "The per-coordinate reading runs only seeds 1..M of them (default: ${DEFAULT-VALUE}).")
    int perCoordinateSeeds;

    @Option(names = "--sweep", defaultValue = "0.012:24", description = "max:points of the sweep grid (default: ${DEFAULT-VALUE}); 'none' to skip.")
    String sweep;

    @Option(names = "--zoom", defaultValue = "0.0015:24", description = "max:points of the zoom grid (default: ${DEFAULT-VALUE}); 'none' to skip.")
    String zoom;

    @Option(names = "--etas", split = ",", description = "Extra grid 'custom' with these step sizes.")
    List<Double> etas;

    @Option(names = "-d", defaultValue = "200", description = "Dimension (default: ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "-n", defaultValue = "300", description = "Training samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--lambda", defaultValue = "3", description = "Signal strength (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--test-samples", defaultValue = "10000", description = "Fresh test samples (default: ${DEFAULT-VALUE}).")
    int testSamples;

    @Option(names = "--eta-times-iterations", defaultValue = "10", description = "Training horizon (default: ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--hvp", defaultValue = "exact", converter = HvpConverter.class,
            description = "Hessian-vector products: exact (Gauss-Newton) or finite-difference.")
    HvpMethod hvp;

    @Option(names = "--no-plots", description = "Skip the PNG plots.")
    boolean noPlots;

    @Option(names = "--replot", paramLabel = "CSV",
            description = "Do not train: read a CSV written earlier and write summary and plots into --out.")
    Path replot;

    @Override
    public Integer call() throws Exception {
        List<SweepConfig.Grid> grids = new ArrayList<>();
        parseGrid("sweep", sweep, grids);
        parseGrid("zoom", zoom, grids);
        if (etas != null && !etas.isEmpty()) {
            grids.add(new SweepConfig.Grid("custom", etas.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SweepConfig config = new SweepConfig(d, n, lambda, testSamples, horizon, readings, loss,
                LongStream.rangeClosed(1, seeds).boxed().toList(), perCoordinateSeeds, grids, workers, hvp, 1000);
        Files.createDirectories(out);
        if (replot != null) {
            List<RunResult> results = SweepReport.readCsv(replot);
            List<String> summary = SweepReport.summary(config, results);
            Files.write(out.resolve("summary.txt"), summary);
            summary.forEach(System.out::println);
            for (Path p : SweepPlots.write(config, results, out)) {
                System.out.println("plot: " + p);
            }
            return 0;
        }
        int total = grids.stream().mapToInt(g -> g.etas().length).sum()
                * readings.stream().mapToInt(r -> config.seedsFor(r).size()).sum();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<RunResult> results = new EdgeOfStabilitySweep(config).run(r -> {
            int k = done.incrementAndGet();
            if (k % 25 == 0 || k == total) {
                System.err.printf(Locale.ROOT, "%d/%d runs, %.0f s%n", k, total, (System.nanoTime() - start) / 1e9);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        SweepReport.writeCsv(results, out.resolve("edge-of-stability.csv"));
        List<String> summary = new ArrayList<>(SweepReport.summary(config, results));
        summary.add("");
        summary.add(String.format(Locale.ROOT, "%d runs in %.1f s wall on %d threads", results.size(), seconds, workers));
        Files.write(out.resolve("summary.txt"), summary);
        summary.forEach(System.out::println);
        if (!noPlots) {
            for (Path p : SweepPlots.write(config, results, out)) {
                System.out.println("plot: " + p);
            }
        }
        return 0;
    }

    private static void parseGrid(String name, String spec, List<SweepConfig.Grid> grids) {
        if (spec.equalsIgnoreCase("none")) {
            return;
        }
        String[] parts = spec.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--" + name + " takes max:points, e.g. 0.012:24, or none");
        }
        grids.add(SweepConfig.Grid.uniform(name, Double.parseDouble(parts[0]), Integer.parseInt(parts[1])));
    }

    static final class ReadingConverter implements picocli.CommandLine.ITypeConverter<Reading> {
        @Override
        public Reading convert(String value) {
            return Reading.parse(value);
        }
    }

    static final class LossConverter implements picocli.CommandLine.ITypeConverter<LossNormalization> {
        @Override
        public LossNormalization convert(String value) {
            return LossNormalization.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static final class HvpConverter implements picocli.CommandLine.ITypeConverter<HvpMethod> {
        @Override
        public HvpMethod convert(String value) {
            return HvpMethod.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
