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
                out.add(String.format(Locale.ROOT,
                        "seed %d %-8s a+0=%+.4f a-0=%+.4f sharp0=%.4g | oscillates from eta=%s | b<=%.1f in %d/%d runs"
                                + " (from eta=%s) | dead in %d | eta=%.3g: b=%+.3f acc=%.3f | eta=%.3g: b=%+.3f acc=%.3f",
                        seedRuns.getKey(), first.initSigns().label(), first.initAPlus(), first.initAMinus(),
                        first.sharpnessInit(), eta(onset, config), CLEARLY_NEGATIVE, negative, runs.size(),
                        eta(firstNegative, config), dead, first.eta(), first.finalBias(), first.testAccuracy(),
                        last.eta(), last.finalBias(), last.testAccuracy()));
            }
        }
        return out;
    }

    private static String eta(double eta, SweepConfig config) {
        return Double.isNaN(eta) ? "never" : String.format(Locale.ROOT, "%.4g (%.2f eta*)", eta, eta / config.etaStar());
    }
}
