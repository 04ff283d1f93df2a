package io.tnet.fpga.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Board power acquisition against a fake /sys/class/hwmon tree. */
class BoardPowerSensorTest {

    @TempDir
    Path root;

    private Path hwmon(String dir, String name, String file, String value) throws IOException {
        Path d = Files.createDirectories(root.resolve(dir));
        Files.writeString(d.resolve("name"), name + "\n");
        if (file != null) {
            Files.writeString(d.resolve(file), value);
        }
        return d;
    }

    @Test
    void discoversTheCardsHwmonDeviceByName() throws IOException {
        hwmon("hwmon0", "coretemp", "temp1_input", "41000\n");
        hwmon("hwmon1", "acpitz", null, null);
        Path card = hwmon("hwmon2", "xilinx_xmc", "power1_input", "23500000\n");
        assertThat(BoardPowerSensor.discover(root, "xmc")).contains(card.resolve("power1_input"));
        assertThat(BoardPowerSensor.discover(root, "nvidia")).isEmpty();
        assertThat(BoardPowerSensor.discover(root.resolve("missing"), "xmc")).isEmpty();
    }

    @Test
    void integratesEnergyOverAnIntervalFromTwoReadings() throws IOException {
        Path card = hwmon("hwmon3", "xilinx_xmc", "power1_input", "20000000\n");
        AtomicLong now = new AtomicLong(1_000_000_000L);
        BoardPowerSensor s = new BoardPowerSensor(card.resolve("power1_input"), PowerParsing.Unit.MICROWATTS, now::get);
        BoardPowerSensor.Mark m = s.mark();
        assertThat(m.watts()).isCloseTo(20.0, within(1e-9));
        Files.writeString(card.resolve("power1_input"), "30000000\n");
        now.addAndGet(500_000_000L);
        EnergyEstimate e = s.since(m);
        assertThat(e.joules()).isCloseTo(12.5, within(1e-9)); // (20 + 30) / 2 W * 0.5 s
        assertThat(e.averageWatts()).isCloseTo(25.0, within(1e-9));
        assertThat(e.source()).isEqualTo("sensor");
    }
}
