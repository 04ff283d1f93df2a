package io.tnet.service.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and reads RAPL package zones under a powercap sysfs root ({@code /sys/class/powercap} or a
 * fixture tree in tests). Pure file reading and parsing; {@link RaplMeter} does the bookkeeping.
 *
 * <p>Only top-level zones ({@code intel-rapl:N}, also used by AMD's RAPL driver) are summed: sub-zones
 * ({@code intel-rapl:N:M}, core/uncore/dram) are parts of their package and would be double counted.
 */
public final class Powercap {

    private static final Pattern PACKAGE_ZONE = Pattern.compile("intel-rapl:\\d+");

    private Powercap() {
    }

    /** Result of looking for RAPL: the readable zones, or why there are none. */
    public record Discovery(List<RaplZone> zones, String problem) {
        public boolean present() {
            return !zones.isEmpty();
        }
    }

    /** Looks for readable package zones under {@code root}; never throws. */
    public static Discovery discover(Path root) {
        if (!Files.isDirectory(root)) {
            return new Discovery(List.of(), root + " does not exist (no powercap interface)");
        }
        List<RaplZone> zones = new ArrayList<>();
        String problem = null;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path dir : entries.sorted().toList()) {
                if (!PACKAGE_ZONE.matcher(dir.getFileName().toString()).matches()) {
                    continue;
                }
                try {
                    String name = readString(dir.resolve("name"), dir.getFileName().toString());
                    long max = readLong(dir.resolve("max_energy_range_uj"));
                    Path energy = dir.resolve("energy_uj");
                    readLong(energy); // readable now? (since Linux 5.10 energy_uj is root-only)
                    if (max <= 0) {
                        problem = dir + ": max_energy_range_uj is " + max;
                        continue;
                    }
                    zones.add(new RaplZone(name, energy, max));
                } catch (IOException | NumberFormatException e) {
                    problem = dir + " is not readable: " + e.getMessage();
                }
            }
        } catch (IOException e) {
            return new Discovery(List.of(), "cannot list " + root + ": " + e.getMessage());
        }
        if (zones.isEmpty() && problem == null) {
            problem = "no intel-rapl zones under " + root;
        }
        return new Discovery(List.copyOf(zones), zones.isEmpty() ? problem : null);
    }

    /** Reads one counter file as a non-negative long. */
    public static long readLong(Path file) throws IOException {
        String s = Files.readString(file).trim();
        long v = Long.parseLong(s);
        if (v < 0) {
            throw new NumberFormatException(file + " holds a negative value " + v);
        }
        return v;
    }

    private static String readString(Path file, String fallback) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return fallback;
        }
    }

    /**
     * Energy in microjoules between two readings of a counter that wraps at {@code maxRange}: when the
     * new reading is smaller the counter passed its range once (readings are taken far more often than
     * the hours a wrap takes at package power).
     */
    public static long deltaMicrojoules(long previous, long current, long maxRange) {
        if (current >= previous) {
            return current - previous;
        }
        return (maxRange - previous) + current;
    }
}
