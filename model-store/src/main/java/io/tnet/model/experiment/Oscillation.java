package io.tnet.model.experiment;

/**
 * Whether a loss curve oscillates, i.e. goes up as well as down, as gradient descent does at the edge of
 * stability; monotone descent (below {@code 2/sharpness}) never increases the loss.
 *
 * <p>A step counts as an increase when the loss rises by more than {@code 1e-6} relative. That is far above rounding
 * noise, and above the chatter of gradient descent across a ReLU kink (seen at about {@code 1e-7} when the network
 * has shrunk to nearly zero), while a 2-cycle just past the edge of stability already moves the loss by
 * {@code 1e-5} or more. Two views are kept: whether the loss ever oscillated (at least {@link #MIN_INCREASES}
 * increases; a single catapult spike that settles also counts) and whether it still oscillates at the end (at
 * least a quarter of the steps in the final window go up).
 *
 * @param increases steps in the whole run that increased the loss
 * @param firstIncrease index of the first increase, or -1
 * @param finalWindow length of the final window
 * @param finalIncreaseFraction fraction of the final window's steps that increased the loss
 * @param finalRelativeAmplitude (max - min) / mean of the loss over the final window
 */
public record Oscillation(int increases, int firstIncrease, int finalWindow, double finalIncreaseFraction,
                          double finalRelativeAmplitude) {

    /** Relative rise of the loss that counts as an increase. */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Increases needed to call a run oscillating. */
    public static final int MIN_INCREASES = 3;

    /** Whether the loss went up at least {@link #MIN_INCREASES} times. */
    public boolean oscillated() {
        return increases >= MIN_INCREASES;
    }

    /** Whether a quarter or more of the final window's steps went up. */
    public boolean oscillatingAtEnd() {
        return finalIncreaseFraction >= 0.25;
    }

    /** Analyses a loss curve; the final window is the last fifth, at least 10 and at most 2000 steps. */
    public static Oscillation of(double[] losses) {
        int steps = losses.length - 1;
        int increases = 0;
        int first = -1;
        for (int t = 0; t < steps; t++) {
            if (rises(losses[t], losses[t + 1])) {
                increases++;
                if (first < 0) {
                    first = t;
                }
            }
        }
        int window = Math.min(steps, Math.max(10, Math.min(2000, steps / 5)));
        int up = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int t = steps - window; t < steps; t++) {
            if (rises(losses[t], losses[t + 1])) {
                up++;
            }
        }
        for (int t = steps - window; t <= steps; t++) {
            min = Math.min(min, losses[t]);
            max = Math.max(max, losses[t]);
            sum += losses[t];
        }
        double mean = sum / (window + 1);
        return new Oscillation(increases, first, window, window == 0 ? 0 : (double) up / window,
                mean == 0 ? 0 : (max - min) / mean);
    }

    private static boolean rises(double before, double after) {
        return after - before > RELATIVE_TOLERANCE * Math.abs(before);
    }
}
