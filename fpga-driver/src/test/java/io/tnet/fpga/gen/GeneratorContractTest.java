package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the emitted and checked-in artifacts of the register map in agreement. */
class GeneratorContractTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void checkedInCHeaderIsTheGeneratorOutput() throws Exception {
        String checkedIn = Files.readString(MODULE.resolve("src/main/c/include/tnet_accel_regs.h"));
        assertThat(checkedIn).as("regenerate with: tnet rtl header --out fpga-driver/src/main/c/include/tnet_accel_regs.h").isEqualTo(Emitters.cHeader());
    }

    @Test
    void hardwareDocCarriesTheGeneratedTables() throws Exception {
        String doc = Files.readString(MODULE.resolve("../docs/hardware.md"));
        assertThat(doc).contains(Emitters.markdownRegisterTable().strip());
        assertThat(doc).contains(Emitters.markdownMemoryTable(MemoryMap.of(AcceleratorConfig.DEFAULT)).strip());
    }

    @Test
    void manifestHashIsDeterministicAndCoversTheConfiguration() {
        Manifest a = AcceleratorDesign.of(AcceleratorConfig.DEFAULT).manifest();
        Manifest b = AcceleratorDesign.of(AcceleratorConfig.DEFAULT).manifest();
        Manifest c = AcceleratorDesign.of(AcceleratorConfig.DEFAULT.withParallelism(8, 32)).manifest();
        assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
        assertThat(c.sha256()).isNotEqualTo(a.sha256());
        assertThat(a.toJson()).contains("\"hash32\" : \"" + Manifest.hex32(a.hash32()) + "\"")
                .contains("\"memoryMap\"").contains("\"registers\"");
    }

    @Test
    void regionsAreAlignedAndDisjoint() {
        for (AcceleratorConfig c : new AcceleratorConfig[] {AcceleratorConfig.DEFAULT,
                AcceleratorConfig.DEFAULT.withParallelism(4, 8), AcceleratorConfig.DEFAULT.withParallelism(32, 64)}) {
            MemoryMap m = MemoryMap.of(c);
            long end = 0;
            for (MemoryRegion r : m.regions()) {
                assertThat(r.base() % r.window()).isZero();
                assertThat(r.base()).isGreaterThanOrEqualTo(end);
                assertThat(r.size()).isLessThanOrEqualTo(r.window());
                end = r.base() + r.window();
            }
            assertThat(end).isLessThanOrEqualTo(1L << m.addrBits());
        }
    }

    @Test
    void templateFailsOnMissingOrUnusedPlaceholders(@TempDir Path dir) {
        Template t = Template.of("t.v", "localparam X = @X@; localparam Y = @Y@;");
        assertThat(t.render(Map.of("X", "1", "Y", "2"))).isEqualTo("localparam X = 1; localparam Y = 2;");
        assertThatThrownBy(() -> t.render(Map.of("X", "1"))).hasMessageContaining("[Y]");
        assertThatThrownBy(() -> t.render(Map.of("X", "1", "Y", "2", "Z", "3"))).hasMessageContaining("[Z]");
        assertThatThrownBy(() -> DesignWriter.write(java.util.List.of(new GeneratedFile("a.v", "x = @LEFT@;")), dir))
                .hasMessageContaining("placeholder");
        assertThat(dir.resolve("a.v")).doesNotExist();
    }

    @Test
    void invalidConfigurationsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> AcceleratorConfig.DEFAULT.withParallelism(64, 32))
                .hasMessageContaining("must not exceed simd");
        assertThatThrownBy(() -> AcceleratorConfig.DEFAULT.withParallelism(3, 32)).hasMessageContaining("power of two");
    }
}
