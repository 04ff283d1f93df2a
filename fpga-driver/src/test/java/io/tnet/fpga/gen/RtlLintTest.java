package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated RTL is lint-clean under {@code verilator --lint-only -Wall} for several configurations. */
class RtlLintTest {

    @ParameterizedTest(name = "PE={0} SIMD={1} ACC={2}")
    @CsvSource({"16,32,24", "4,8,24", "1,16,16", "32,64,32", "8,8,20"})
    void generatedDesignIsLintClean(int pe, int simd, int acc) throws Exception {
        AcceleratorConfig c = new AcceleratorConfig(pe, simd, 8, acc, 1024, 1024, 16, 256, 64, 128, 64, 200);
        Path rtl = RtlTools.generate("lint-" + pe + "-" + simd + "-" + acc, c);
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module",
                AcceleratorDesign.TOP, "-I" + rtl));
        cmd.addAll(RtlTools.sources(rtl));
        RtlTools.Run r = RtlTools.run(rtl, 300, cmd);
        assertThat(r.output()).as("verilator output").isEmpty();
        assertThat(r.exit()).isZero();
    }
}
