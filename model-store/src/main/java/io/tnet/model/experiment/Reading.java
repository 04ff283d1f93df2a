package io.tnet.model.experiment;

import java.util.Locale;

/**
 * The two readings of the paper's network {@code f(x) = sum_i [relu(a+_i x_i + b) - relu(a-_i x_i + b)]}: the
 * first-layer weights are either one pair per coordinate or one pair shared by all coordinates (the paper's
 * "mean model"). The paper's body was not available to us, so both are run.
 */
public enum Reading {
    /** {@code a+} and {@code a-} are vectors of length d: 2d + 1 parameters. */
    PER_COORDINATE,
    /** {@code a+} and {@code a-} are scalars shared by every coordinate: 3 parameters. */
    SHARED_SCALAR;

    /** The spelling used on the command line and in the CSV, e.g. {@code shared-scalar}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #label()} (case-insensitive; underscores accepted). */
    public static Reading parse(String text) {
        for (Reading r : values()) {
            if (r.label().equalsIgnoreCase(text.replace('_', '-'))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reading '" + text + "' (per-coordinate or shared-scalar)");
    }
}
