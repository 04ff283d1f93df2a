package io.tnet.service.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Machine-wide busy CPU time from Linux {@code /proc/stat}'s aggregate {@code cpu} line: user + nice +
 * system + irq + softirq + steal, in clock ticks (USER_HZ, 100 per second on every Linux ABI in use).
 */
public final class ProcStat {

    /** Clock ticks per second of {@code /proc/stat}. */
    public static final long TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** Busy nanoseconds of all CPUs since boot, parsed from a {@code /proc/stat} text. */
    public static long busyNanos(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) {
                    throw new IllegalArgumentException("short cpu line in /proc/stat: " + line);
                }
                long user = Long.parseLong(f[1]);
                long nice = Long.parseLong(f[2]);
                long system = Long.parseLong(f[3]);
                long irq = Long.parseLong(f[6]);
                long softirq = Long.parseLong(f[7]);
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                long ticks = user + nice + system + irq + softirq + steal;
                return ticks * (1_000_000_000L / TICKS_PER_SECOND);
            }
        }
        throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
    }

    /** Reads {@code file} and returns its busy nanoseconds. */
    public static long busyNanos(Path file) throws IOException {
        return busyNanos(Files.readString(file));
    }
}
