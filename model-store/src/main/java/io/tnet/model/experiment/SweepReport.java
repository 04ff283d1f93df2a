package io.tnet.model.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes a sweep's results as CSV and as a short text summary (per grid, reading and seed). */
public final class SweepReport {

    /** Bias below which we call it "clearly negative" in the summary. */
    public static final double CLEARLY_NEGATIVE = -0.1;

    private SweepReport() {
    }

    /** Writes {@link RunResult#CSV_HEADER} and one row per result. */
    public static void writeCsv(List<RunResult> results, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(RunResult.CSV_HEADER);
        results.forEach(r -> lines.add(r.csvRow()));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Reads a file written by {@link #writeCsv}. */
    public static List<RunResult> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(RunResult.CSV_HEADER)) {
            throw new IOException(file + " is not an edge-of-stability CSV (header differs)");
        }
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(RunResult::parseCsvRow).toList();
    }

    /**
     * The smallest step size at which the loss oscillated, or NaN if it never did, per seed, for one grid and reading.
     */
    public static Map<Long, Double> oscillationOnset(List<RunResult> results, String grid, Reading reading) {
        Map<Long, Double> onset = new TreeMap<>();
        for (RunResult r : results) {
            if (r.grid().equals(grid) && r.reading() == reading) {
                onset.merge(r.seed(), r.oscillation().oscillated() ? r.eta() : Double.NaN,
                        (a, b) -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b));
            }
        }
        return onset;
    }

    /** Human-readable summary lines. */
    public static List<String> summary(SweepConfig config, List<RunResult> results) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "d=%d n=%d lambda=%.3g loss=%s eta*=8pi/d^2=%.6g (2/eta* = d^2/(4pi) = %.1f)",
                config.d(), config.n(), config.lambda(), config.normalization().name().toLowerCase(Locale.ROOT),
                config.etaStar(), 2 / config.etaStar()));
        Map<String, List<RunResult>> groups = results.stream().collect(Collectors.groupingBy(
                r -> r.grid() + " " + r.reading().label(), TreeMap::new, Collectors.toList()));
        for (var group : groups.entrySet()) {
            out.add("");
            out.add("== " + group.getKey());
            Map<Long, List<RunResult>> bySeed = group.getValue().stream()
                    .collect(Collectors.groupingBy(RunResult::seed, TreeMap::new, Collectors.toList()));
            for (var seedRuns : bySeed.entrySet()) {
                List<RunResult> runs = seedRuns.getValue();
                RunResult first = runs.getFirst();
                RunResult last = runs.getLast();
                double onset = runs.stream().filter(r -> r.oscillation().oscillated()).mapToDouble(RunResult::eta)
                        .min().orElse(Double.NaN);
                long negative = runs.stream().filter(r -> r.finalBias() <= CLEARLY_NEGATIVE).count();
                long dead = runs.stream().filter(r -> r.activeFraction() == 0).count();
                double firstNegative = runs.stream().filter(r -> r.finalBias() <= CLEARLY_NEGATIVE)
                        .mapToDouble(RunResult::eta).min().orElse(Double.NaN);
                long learned = runs.stream().filter(SweepReport::learnedThreshold).count();
                out.add(String.format(Locale.ROOT,
                        "seed %d %-8s a+0=%+.4f a-0=%+.4f sharp0=%.4g | oscillates from eta=%s | b<=%.1f in %d/%d runs"
                                + " (from eta=%s), alive %d | dead in %d | eta=%.3g: b=%+.3f acc=%.3f | eta=%.3g: b=%+.3f acc=%.3f",
                        seedRuns.getKey(), first.initSigns().label(), first.initAPlus(), first.initAMinus(),
                        first.sharpnessInit(), eta(onset, config), CLEARLY_NEGATIVE, negative, runs.size(),
                        eta(firstNegative, config), learned, dead, first.eta(), first.finalBias(), first.testAccuracy(),
                        last.eta(), last.finalBias(), last.testAccuracy()));
            }
            RunResult any = group.getValue().getFirst();
            out.add("");
            out.addAll(table(config, results, any.grid(), any.reading()));
        }
        return out;
    }

    /**
     * Per step size across seeds: how many runs oscillated, learned a threshold (bias at most
     * {@link #CLEARLY_NEGATIVE} with units still active), died (no active unit) or kept {@code b = 0}, and the mean
     * bias and test accuracy. A negative bias in a dead network is not a threshold neuron: it outputs zero.
     */
    public static List<String> table(SweepConfig config, List<RunResult> results, String grid, Reading reading) {
        List<String> out = new ArrayList<>();
        out.add("| eta | eta/eta* | oscillated | threshold learned | dead | b = 0 | mean b | mean test acc |");
        out.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<Double, List<RunResult>> byEta = results.stream()
                .filter(r -> r.grid().equals(grid) && r.reading() == reading)
                .collect(Collectors.groupingBy(RunResult::eta, TreeMap::new, Collectors.toList()));
        for (var e : byEta.entrySet()) {
            List<RunResult> rs = e.getValue();
            int n = rs.size();
            out.add(String.format(Locale.ROOT, "| %.5g | %.2f | %d/%d | %d/%d | %d/%d | %d/%d | %+.3f | %.3f |",
                    e.getKey(), e.getKey() / config.etaStar(),
                    rs.stream().filter(r -> r.oscillation().oscillated()).count(), n,
                    rs.stream().filter(SweepReport::learnedThreshold).count(), n,
                    rs.stream().filter(r -> r.activeFraction() == 0).count(), n,
                    rs.stream().filter(r -> r.finalBias() == 0).count(), n,
                    rs.stream().mapToDouble(RunResult::finalBias).average().orElse(Double.NaN),
                    rs.stream().mapToDouble(RunResult::testAccuracy).average().orElse(Double.NaN)));
        }
        return out;
    }

    /** Bias at most {@link #CLEARLY_NEGATIVE} and at least one active unit on the training set. */
    public static boolean learnedThreshold(RunResult r) {
        return r.finalBias() <= CLEARLY_NEGATIVE && r.activeFraction() > 0;
    }

    private static String eta(double eta, SweepConfig config) {
        return Double.isNaN(eta) ? "never" : String.format(Locale.ROOT, "%.4g (%.2f eta*)", eta, eta / config.etaStar());
    }
}
