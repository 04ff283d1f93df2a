package io.tnet.service.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tnet.service.backend.EnergySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of energy to CPU time, with RAPL on a fake tree and without. */
class CpuEnergyMeterTest {

    @TempDir
    Path root;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Path procStat(long busyTicks) throws IOException {
        // cpu user nice system idle iowait irq softirq steal
        Path f = root.resolve("stat");
        long user = busyTicks / 2;
        long system = busyTicks - user;
        Files.writeString(f, "cpu  " + user + " 0 " + system + " 99999 10 0 0 0 0 0\ncpu0 1 2 3 4\n");
        return f;
    }

    void energy(long uj) throws IOException {
        Files.writeString(root.resolve("powercap/intel-rapl:0/energy_uj"), uj + "\n");
    }

    @Test
    void withoutRaplTheModelIsUsedAndLabelled() throws IOException {
        EnergyProperties p = new EnergyProperties(true, root.resolve("none"), procStat(0), 10.0, Duration.ofSeconds(1));
        CpuEnergyMeter meter = new CpuEnergyMeter(p, clock::get);
        EnergyEstimate e = meter.attribute(2_000_000); // 2 ms of CPU
        assertThat(e.source()).isEqualTo(EnergySource.MODEL);
        assertThat(e.joules()).isCloseTo(0.02, within(1e-12));
        assertThat(meter.describe()).contains("model").contains("does not exist");
    }

    @Test
    void raplAttributesPackageEnergyByCpuTimeShare() throws IOException {
        PowercapTest.zone(root.resolve("powercap"), "intel-rapl:0", "package-0", 1_000_000, 10_000_000);
        Path stat = procStat(1000);
        EnergyProperties p = new EnergyProperties(true, root.resolve("powercap"), stat, 10.0, Duration.ofSeconds(1));
        CpuEnergyMeter meter = new CpuEnergyMeter(p, clock::get);
        // before a full window there is no ratio: the model answers, honestly labelled
        assertThat(meter.attribute(1_000_000).source()).isEqualTo(EnergySource.MODEL);
        // one second later: 3 J used while the machine was busy for 2 CPU-seconds (200 ticks) -> 1.5 J per CPU-second
        energy(4_000_000);
        procStat(1200);
        clock.addAndGet(1_000_000_000L);
        EnergyEstimate e = meter.attribute(100_000_000); // 0.1 CPU-seconds
        assertThat(e.source()).isEqualTo(EnergySource.RAPL);
        assertThat(e.joules()).isCloseTo(0.15, within(1e-9));
        // counter wraps at 10 J: 9.5 J -> 0.5 J is 1 J... plus the 5.5 J from 4 J to 9.5 J
        energy(9_500_000);
        procStat(1300);
        clock.addAndGet(1_000_000_000L);
        assertThat(meter.attribute(1_000_000_000).joules()).isCloseTo(5.5, within(1e-9));
        energy(500_000);
        procStat(1400);
        clock.addAndGet(1_000_000_000L);
        EnergyEstimate wrapped = meter.attribute(1_000_000_000);
        assertThat(wrapped.source()).isEqualTo(EnergySource.RAPL);
        assertThat(wrapped.joules()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void counterThatBecomesUnreadableFallsBackToTheModel() throws IOException {
        PowercapTest.zone(root.resolve("powercap"), "intel-rapl:0", "package-0", 1_000_000, 10_000_000);
        Path stat = procStat(1000);
        CpuEnergyMeter meter = new CpuEnergyMeter(new EnergyProperties(true, root.resolve("powercap"), stat, 10.0,
                Duration.ofSeconds(1)), clock::get);
        energy(2_000_000);
        procStat(1100);
        clock.addAndGet(1_000_000_000L);
        assertThat(meter.attribute(1_000_000).source()).isEqualTo(EnergySource.RAPL);
        Files.delete(root.resolve("powercap/intel-rapl:0/energy_uj"));
        clock.addAndGet(1_000_000_000L);
        EnergyEstimate e = meter.attribute(1_000_000);
        assertThat(e.source()).isEqualTo(EnergySource.MODEL);
        assertThat(e.joules()).isCloseTo(0.01, within(1e-12));
        assertThat(meter.describe()).contains("RAPL read failed");
    }

    @Test
    void disabledRaplUsesTheModel() throws IOException {
        PowercapTest.zone(root.resolve("powercap"), "intel-rapl:0", "package-0", 1_000_000, 10_000_000);
        CpuEnergyMeter meter = new CpuEnergyMeter(new EnergyProperties(false, root.resolve("powercap"), procStat(1), 4.0,
                Duration.ofSeconds(1)), clock::get);
        assertThat(meter.attribute(1_000_000_000).joules()).isCloseTo(4.0, within(1e-12));
        assertThat(meter.currentSource()).isEqualTo(EnergySource.MODEL);
        assertThat(meter.describe()).contains("disabled");
    }

    @Test
    void procStatBusyTime() {
        String stat = "cpu  10 20 30 1000 50 6 7 8 0 0\n";
        assertThat(ProcStat.busyNanos(stat)).isEqualTo((10 + 20 + 30 + 6 + 7 + 8) * 10_000_000L);
    }
}
