package io.tnet.fpga.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Board power of a real card from a sysfs file (acquisition; {@link PowerParsing} does the parsing),
 * and the energy of an interval from two readings: {@code E = (P_start + P_end) / 2 * t}. The file is
 * configurable (e.g. {@code /sys/class/hwmon/hwmon3/power1_input}, microwatts); {@link #discover}
 * finds a hwmon device by its {@code name}. Thread-safe (stateless apart from the path).
 */
public final class BoardPowerSensor {

    private final Path file;
    private final PowerParsing.Unit unit;
    private final LongSupplier nanoClock;

    public BoardPowerSensor(Path file, PowerParsing.Unit unit) {
        this(file, unit, System::nanoTime);
    }

    BoardPowerSensor(Path file, PowerParsing.Unit unit, LongSupplier nanoClock) {
        this.file = file;
        this.unit = unit;
        this.nanoClock = nanoClock;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Current board power in watts. */
    public double readWatts() throws IOException {
        return PowerParsing.watts(Files.readString(file, StandardCharsets.US_ASCII), unit);
    }

    /**
     * The first {@code power*_input} (or {@code power*_average}) of a hwmon device under
     * {@code hwmonRoot} (normally {@code /sys/class/hwmon}) whose {@code name} file contains
     * {@code nameContains}, in directory order.
     */
    public static Optional<Path> discover(Path hwmonRoot, String nameContains) throws IOException {
        if (!Files.isDirectory(hwmonRoot)) {
            return Optional.empty();
        }
        List<Path> devices = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(hwmonRoot)) {
            ds.forEach(devices::add);
        }
        devices.sort(null);
        for (Path dev : devices) {
            Path name = dev.resolve("name");
            if (!Files.isReadable(name) || !Files.readString(name, StandardCharsets.US_ASCII).contains(nameContains)) {
                continue;
            }
            for (String candidate : List.of("power1_input", "power1_average")) {
                if (Files.isReadable(dev.resolve(candidate))) {
                    return Optional.of(dev.resolve(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** A reading at the start of an interval. */
    public record Mark(double watts, long nanos) {
    }

    /** Reads power now. */
    public Mark mark() throws IOException {
        return new Mark(readWatts(), nanoClock.getAsLong());
    }

    /** Energy from {@code start} to now (trapezoid of two readings), labelled {@code sensor}. */
    public EnergyEstimate since(Mark start) throws IOException {
        double w = readWatts();
        double seconds = Math.max(0, nanoClock.getAsLong() - start.nanos()) / 1e9;
        double joules = (start.watts() + w) / 2 * seconds;
        return new EnergyEstimate(joules, joules, 0, seconds, "sensor");
    }
}
