package io.tnet.service.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL discovery and counter arithmetic on fake powercap sysfs trees. */
class PowercapTest {

    @TempDir
    Path root;

    static void zone(Path root, String dir, String name, long energy, long max) throws IOException {
        Path z = Files.createDirectories(root.resolve(dir));
        Files.writeString(z.resolve("name"), name + "\n");
        Files.writeString(z.resolve("energy_uj"), energy + "\n");
        Files.writeString(z.resolve("max_energy_range_uj"), max + "\n");
    }

    @Test
    void findsPackageZonesAndIgnoresSubZones() throws IOException {
        zone(root, "intel-rapl:0", "package-0", 1000, 262143328850L);
        zone(root, "intel-rapl:1", "package-1", 2000, 262143328850L);
        zone(root, "intel-rapl:0:0", "core", 500, 262143328850L);
        Files.createDirectories(root.resolve("dtpm"));
        Powercap.Discovery d = Powercap.discover(root);
        assertThat(d.present()).isTrue();
        assertThat(d.zones()).extracting(RaplZone::name).containsExactly("package-0", "package-1");
        assertThat(d.zones().getFirst().maxEnergyRangeUj()).isEqualTo(262143328850L);
    }

    @Test
    void absentTreeIsReportedNotThrown() {
        Powercap.Discovery d = Powercap.discover(root.resolve("nope"));
        assertThat(d.present()).isFalse();
        assertThat(d.problem()).contains("does not exist");
        Powercap.Discovery empty = Powercap.discover(root);
        assertThat(empty.present()).isFalse();
        assertThat(empty.problem()).contains("no intel-rapl zones");
    }

    @Test
    void unreadableCounterIsReported() throws IOException {
        zone(root, "intel-rapl:0", "package-0", 1000, 5000);
        Path energy = root.resolve("intel-rapl:0/energy_uj");
        // as on Linux >= 5.10 for non-root users: the counter exists but cannot be read
        Files.delete(energy);
        Files.createDirectory(energy);
        Powercap.Discovery d = Powercap.discover(root);
        assertThat(d.present()).isFalse();
        assertThat(d.problem()).contains("not readable");
    }

    @Test
    void garbageCounterIsReported() throws IOException {
        zone(root, "intel-rapl:0", "package-0", 1000, 5000);
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), "n/a\n");
        assertThat(Powercap.discover(root).present()).isFalse();
    }

    @Test
    void permissionDeniedIsReportedWhenNotRoot() throws IOException {
        zone(root, "intel-rapl:0", "package-0", 1000, 5000);
        Path energy = root.resolve("intel-rapl:0/energy_uj");
        Files.setPosixFilePermissions(energy, PosixFilePermissions.fromString("---------"));
        boolean readable = Files.isReadable(energy); // root can read anyway
        assertThat(Powercap.discover(root).present()).isEqualTo(readable);
    }

    @Test
    void wrapAroundDelta() {
        assertThat(Powercap.deltaMicrojoules(100, 250, 1000)).isEqualTo(150);
        assertThat(Powercap.deltaMicrojoules(900, 50, 1000)).isEqualTo(150);
        assertThat(Powercap.deltaMicrojoules(0, 0, 1000)).isZero();
    }
}
