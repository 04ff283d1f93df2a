package io.tnet.fpga.energy;

import java.util.Locale;

/**
 * Parses board-power sysfs text into watts; pure functions, tested on captured fixture contents.
 * hwmon ({@code power*_input}, {@code power*_average}) reports microwatts; XRT/XMC files report
 * milliwatts or watts depending on the board, so the unit is a configuration value.
 */
public final class PowerParsing {

    private PowerParsing() {
    }

    /** Unit of the number in a power file. */
    public enum Unit {
        MICROWATTS(1e-6), MILLIWATTS(1e-3), WATTS(1);

        private final double toWatts;

        Unit(double toWatts) {
            this.toWatts = toWatts;
        }

        /** Parses a unit name as written in configuration ({@code microwatts}, {@code uW}, ...). */
        public static Unit parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "microwatts", "uw", "µw" -> MICROWATTS;
                case "milliwatts", "mw" -> MILLIWATTS;
                case "watts", "w" -> WATTS;
                default -> throw new IllegalArgumentException("unknown power unit '" + s + "' (microwatts, milliwatts, watts)");
            };
        }
    }

    /**
     * Watts from a power file's content: the first token must be a non-negative decimal number
     * (trailing newline and a unit suffix such as {@code "12.5 W"} are tolerated).
     *
     * @throws IllegalArgumentException with the offending text if it is not a reading
     */
    public static double watts(String content, Unit unit) {
        String t = content.strip();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("not a power reading: '" + abbreviate(t) + "'");
        }
        try {
            return Double.parseDouble(t.substring(0, end)) * unit.toWatts;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a power reading: '" + abbreviate(t) + "'", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
