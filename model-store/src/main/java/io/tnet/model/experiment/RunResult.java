package io.tnet.model.experiment;

/**
 * One gradient-descent run of the sweep: one grid, reading, seed and step size.
 *
 * @param grid grid name
 * @param reading network reading
 * @param normalization mean or sum loss
 * @param seed seed of data and initialisation
 * @param initSigns sign pattern of the initial first-layer weights (see {@link InitSigns})
 * @param eta step size
 * @param etaOverEtaStar {@code eta / (8 pi / d^2)}
 * @param iterations steps taken
 * @param initAPlus initial {@code a+} (the mean over coordinates for the per-coordinate reading)
 * @param initAMinus initial {@code a-} (likewise)
 * @param finalAPlus final {@code a+} (likewise)
 * @param finalAMinus final {@code a-} (likewise)
 * @param finalBias final bias {@code b}
 * @param minBias most negative bias along the trajectory
 * @param initLoss training loss at initialisation
 * @param finalLoss training loss at the end
 * @param testAccuracy accuracy on fresh samples
 * @param sharpnessInit top Hessian eigenvalue at initialisation
 * @param sharpnessEnd top Hessian eigenvalue at the last iterate
 * @param oscillation loss-curve analysis
 * @param activeFraction fraction of units active on the training set at the end (0 = a dead network)
 * @param diverged whether the run left the finite numbers
 * @param millis wall time of the run
 */
public record RunResult(String grid, Reading reading, LossNormalization normalization, long seed, InitSigns initSigns,
                        double eta, double etaOverEtaStar, int iterations, double initAPlus, double initAMinus,
                        double finalAPlus, double finalAMinus, double finalBias, double minBias, double initLoss,
                        double finalLoss, double testAccuracy, double sharpnessInit, double sharpnessEnd,
                        Oscillation oscillation, double activeFraction, boolean diverged, long millis) {

    /** The CSV header matching {@link #csvRow()}. */
    public static final String CSV_HEADER = "grid,reading,loss,seed,init_signs,eta,eta_over_eta_star,iterations,"
            + "init_a_plus,init_a_minus,final_a_plus,final_a_minus,final_b,min_b,init_loss,final_loss,test_accuracy,"
            + "sharpness_init,sharpness_end,sharpness_end_x_eta_over_2,loss_increases,first_increase,"
            + "final_window,final_increase_fraction,final_relative_amplitude,oscillated,oscillating_at_end,active_fraction,diverged,millis";

    /** One CSV line (no newline), numbers in {@link java.util.Locale#ROOT}. */
    public String csvRow() {
        return String.join(",", grid, reading.label(), normalization.name().toLowerCase(java.util.Locale.ROOT),
                Long.toString(seed), initSigns.label(), num(eta), num(etaOverEtaStar), Integer.toString(iterations),
                num(initAPlus), num(initAMinus), num(finalAPlus), num(finalAMinus), num(finalBias), num(minBias),
                num(initLoss), num(finalLoss), num(testAccuracy), num(sharpnessInit), num(sharpnessEnd),
                num(sharpnessEnd * eta / 2), Integer.toString(oscillation.increases()),
                Integer.toString(oscillation.firstIncrease()), Integer.toString(oscillation.finalWindow()),
                num(oscillation.finalIncreaseFraction()),
                num(oscillation.finalRelativeAmplitude()), Boolean.toString(oscillation.oscillated()),
                Boolean.toString(oscillation.oscillatingAtEnd()), num(activeFraction), Boolean.toString(diverged),
                Long.toString(millis));
    }

    /** Parses a line written by {@link #csvRow()} (the derived columns are recomputed, not read). */
    public static RunResult parseCsvRow(String line) {
        String[] c = line.split(",", -1);
        if (c.length != CSV_HEADER.split(",").length) {
            throw new IllegalArgumentException("expected " + CSV_HEADER.split(",").length + " columns, got " + c.length);
        }
        return new RunResult(c[0], Reading.parse(c[1]), LossNormalization.valueOf(c[2].toUpperCase(java.util.Locale.ROOT)),
                Long.parseLong(c[3]), InitSigns.valueOf(c[4].toUpperCase(java.util.Locale.ROOT)), d(c[5]), d(c[6]),
                Integer.parseInt(c[7]), d(c[8]), d(c[9]), d(c[10]), d(c[11]), d(c[12]), d(c[13]), d(c[14]), d(c[15]),
                d(c[16]), d(c[17]), d(c[18]),
                new Oscillation(Integer.parseInt(c[20]), Integer.parseInt(c[21]), Integer.parseInt(c[22]), d(c[23]), d(c[24])),
                d(c[27]), Boolean.parseBoolean(c[28]), Long.parseLong(c[29]));
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
