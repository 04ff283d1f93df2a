package io.tnet.model.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal scatter/line chart drawn with Java2D: axes with round ticks, series of markers (filled or hollow) with
 * optional connecting lines, dashed reference lines, a legend. Just enough for the sweep plots, without a charting
 * dependency. Not thread-safe; build, draw, discard.
 */
final class Chart {

    /** One series; {@code filled[k]} chooses a filled or hollow marker for point k. */
    record Series(String name, Color color, double[] xs, double[] ys, boolean[] filled, boolean line) {
    }

    private record Reference(boolean vertical, double at, String label, Color color) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double xMin;
    private final double xMax;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;

    Chart(String title, String xLabel, String yLabel, double xMin, double xMax) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xMin = xMin;
        this.xMax = xMax;
    }

    Chart add(Series s) {
        series.add(s);
        return this;
    }

    Chart vertical(double x, String label, Color color) {
        references.add(new Reference(true, x, label, color));
        return this;
    }

    Chart horizontal(double y, String label, Color color) {
        references.add(new Reference(false, y, label, color));
        return this;
    }

    /** Fixes the y range; otherwise it is fitted to the finite data and horizontal references. */
    Chart yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    void draw(Graphics2D g, Rectangle area) {
        double lo = yMin;
        double hi = yMax;
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (double y : s.ys()) {
                    if (Double.isFinite(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
            for (Reference r : references) {
                if (!r.vertical()) {
                    lo = Math.min(lo, r.at());
                    hi = Math.max(hi, r.at());
                }
            }
            if (!(lo <= hi)) {
                lo = 0;
                hi = 1;
            }
            double pad = (hi - lo) == 0 ? Math.max(1e-3, Math.abs(hi) * 0.1) : (hi - lo) * 0.06;
            lo -= pad;
            hi += pad;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int left = area.x + 62;
        int right = area.x + area.width - 12;
        int top = area.y + 22;
        int bottom = area.y + area.height - 34;
        Rectangle plot = new Rectangle(left, top, right - left, bottom - top);
        g.setColor(Color.WHITE);
        g.fill(area);
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 12f));
        g.drawString(title, left, area.y + 15);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
        // ticks and grid
        final double yLo = lo;
        final double yHi = hi;
        for (double t : ticks(xMin, xMax)) {
            int px = px(t, plot);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px, top, px, bottom);
            g.setColor(Color.DARK_GRAY);
            String s = format(t);
            g.drawString(s, px - fm.stringWidth(s) / 2, bottom + 14);
        }
        for (double t : ticks(yLo, yHi)) {
            int py = py(t, plot, yLo, yHi);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            String s = format(t);
            g.drawString(s, left - 4 - fm.stringWidth(s), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString(xLabel, left + (right - left - fm.stringWidth(xLabel)) / 2, bottom + 28);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(top + (bottom - top + fm.stringWidth(yLabel)) / 2), area.x + 14);
        rotated.dispose();
        Graphics2D clip = (Graphics2D) g.create();
        clip.clip(plot);
        for (Reference r : references) {
            clip.setColor(r.color());
            clip.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            if (r.vertical()) {
                int px = px(r.at(), plot);
                clip.drawLine(px, top, px, bottom);
                clip.drawString(r.label(), px + 4, bottom - 5);
            } else {
                int py = py(r.at(), plot, yLo, yHi);
                clip.drawLine(left, py, right, py);
                clip.drawString(r.label(), right - 4 - fm.stringWidth(r.label()), py - 4);
            }
        }
        clip.setStroke(new BasicStroke(1.2f));
        for (Series s : series) {
            clip.setColor(s.color());
            if (s.line()) {
                Path2D path = new Path2D.Double();
                boolean started = false;
                for (int k = 0; k < s.xs().length; k++) {
                    if (!Double.isFinite(s.ys()[k])) {
                        started = false;
                        continue;
                    }
                    double x = pxd(s.xs()[k], plot);
                    double y = pyd(s.ys()[k], plot, yLo, yHi);
                    if (started) {
                        path.lineTo(x, y);
                    } else {
                        path.moveTo(x, y);
                        started = true;
                    }
                }
                clip.draw(path);
            }
            for (int k = 0; k < s.xs().length; k++) {
                if (!Double.isFinite(s.ys()[k]) || s.filled() == null) {
                    continue;
                }
                double x = pxd(s.xs()[k], plot);
                double y = pyd(Math.max(yLo, Math.min(yHi, s.ys()[k])), plot, yLo, yHi);
                Shape marker = new Ellipse2D.Double(x - 3, y - 3, 6, 6);
                if (s.filled()[k]) {
                    clip.fill(marker);
                } else {
                    clip.draw(marker);
                }
            }
        }
        clip.dispose();
        // legend
        int ly = top + 6;
        int lx = left + 8;
        for (Series s : series) {
            if (s.name() == null) {
                continue;
            }
            g.setColor(s.color());
            g.fill(new Ellipse2D.Double(lx, ly, 7, 7));
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.name(), lx + 11, ly + 8);
            lx += 22 + fm.stringWidth(s.name());
        }
    }

    private int px(double x, Rectangle plot) {
        return (int) Math.round(pxd(x, plot));
    }

    private double pxd(double x, Rectangle plot) {
        return plot.x + (x - xMin) / (xMax - xMin) * plot.width;
    }

    private static int py(double y, Rectangle plot, double lo, double hi) {
        return (int) Math.round(pyd(y, plot, lo, hi));
    }

    private static double pyd(double y, Rectangle plot, double lo, double hi) {
        return plot.y + plot.height - (y - lo) / (hi - lo) * plot.height;
    }

    /** Round tick positions: steps of 1, 2 or 5 times a power of ten, about five per axis. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String format(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

}
