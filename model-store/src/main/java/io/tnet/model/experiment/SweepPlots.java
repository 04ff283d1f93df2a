package io.tnet.model.experiment;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * PNG plots of a sweep, one image per grid and reading, with three panels over the step size: final bias
 * {@code b}, test accuracy, and {@code sharpness_end * eta / 2} (1 = the edge of stability). One colour per seed;
 * filled markers are runs whose loss oscillated, hollow ones descended monotonically. The predicted critical step
 * size {@code eta* = 8 pi / d^2} is a dashed vertical line. Rendered headless.
 */
public final class SweepPlots {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private SweepPlots() {
    }

    /** Writes {@code eos-<grid>-<reading>.png} files into {@code dir} and returns their paths. */
    public static List<Path> write(SweepConfig config, List<RunResult> results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            groups.computeIfAbsent(r.grid() + "-" + r.reading().label(), k -> new ArrayList<>()).add(r);
        }
        List<Path> written = new ArrayList<>();
        for (var group : groups.entrySet()) {
            Path file = dir.resolve("eos-" + group.getKey() + ".png");
            ImageIO.write(render(config, group.getValue()), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    /** Renders one grid and reading. */
    static BufferedImage render(SweepConfig config, List<RunResult> runs) {
        int width = 640;
        int panel = 220;
        int header = 52;
        BufferedImage image = new BufferedImage(width, header + 3 * panel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, header);
        RunResult any = runs.getFirst();
        double xMax = runs.stream().mapToDouble(RunResult::eta).max().orElse(1) * 1.02;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(String.format(Locale.ROOT, "%s grid, %s, %s loss (d=%d, n=%d, lambda=%.3g, eta x steps=%.3g)",
                any.grid(), any.reading().label(), any.normalization().name().toLowerCase(Locale.ROOT), config.d(),
                config.n(), config.lambda(), config.etaTimesIterations()), 10, 17);
        Map<Long, List<RunResult>> bySeed = new TreeMap<>();
        runs.forEach(r -> bySeed.computeIfAbsent(r.seed(), k -> new ArrayList<>()).add(r));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int lx = 10;
        int ly = 28;
        int legendColour = 0;
        for (var seedRuns : bySeed.entrySet()) {
            String name = "seed " + seedRuns.getKey() + " (" + seedRuns.getValue().getFirst().initSigns().label() + ")";
            int w = 22 + g.getFontMetrics().stringWidth(name);
            if (lx + w > width - 10) {
                lx = 10;
                ly += 14;
            }
            g.setColor(PALETTE[legendColour++ % PALETTE.length]);
            g.fillOval(lx, ly, 8, 8);
            g.setColor(Color.DARK_GRAY);
            g.drawString(name, lx + 12, ly + 8);
            lx += w;
        }
        Chart bias = new Chart("final bias b", "step size eta", "b", 0, xMax);
        Chart accuracy = new Chart("test accuracy", "step size eta", "accuracy", 0, xMax).yRange(0.45, 0.85);
        Chart edge = new Chart("sharpness at end x eta / 2 (1 = edge of stability; filled = loss oscillated)",
                "step size eta", "sharpness * eta / 2", 0, xMax);
        int c = 0;
        for (var seedRuns : bySeed.entrySet()) {
            List<RunResult> rs = seedRuns.getValue();
            Color color = PALETTE[c++ % PALETTE.length];
            double[] xs = rs.stream().mapToDouble(RunResult::eta).toArray();
            boolean[] filled = new boolean[rs.size()];
            for (int k = 0; k < filled.length; k++) {
                filled[k] = rs.get(k).oscillation().oscillated();
            }
            bias.add(new Chart.Series(null, color, xs, rs.stream().mapToDouble(RunResult::finalBias).toArray(), filled, true));
            accuracy.add(new Chart.Series(null, color, xs, rs.stream().mapToDouble(RunResult::testAccuracy).toArray(), filled, true));
            edge.add(new Chart.Series(null, color, xs,
                    rs.stream().mapToDouble(r -> Math.min(r.sharpnessEnd() * r.eta() / 2, 3)).toArray(), filled, false));
        }
        String starLabel = String.format(Locale.ROOT, "eta* = 8 pi/d^2 = %.3g", config.etaStar());
        Color star = new Color(200, 0, 0);
        for (Chart chart : List.of(bias, accuracy, edge)) {
            chart.vertical(config.etaStar(), starLabel, star);
        }
        bias.horizontal(0, "", Color.GRAY);
        edge.horizontal(1, "edge: 2/eta", Color.GRAY);
        bias.draw(g, new Rectangle(0, header, width, panel));
        accuracy.draw(g, new Rectangle(0, header + panel, width, panel));
        edge.draw(g, new Rectangle(0, header + 2 * panel, width, panel));
        g.dispose();
        return image;
    }
}
