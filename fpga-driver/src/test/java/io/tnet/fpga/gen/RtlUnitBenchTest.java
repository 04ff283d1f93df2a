package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the self-checking iverilog benches under {@code src/test/rtl/<module>/} against the generated RTL,
 * for several parameter sets each. A bench prints {@code PASS} only when every check held.
 */
class RtlUnitBenchTest {

    private static Path rtl;

    @BeforeAll
    static void generate() throws Exception {
        rtl = RtlTools.generate("unit", AcceleratorConfig.DEFAULT);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "tnet_requant; ACC_W=24",
            "tnet_requant; ACC_W=16",
            "tnet_requant; ACC_W=32",
            "tnet_adder_tree; N=8",
            "tnet_adder_tree; N=32",
            "tnet_adder_tree; N=2 W=4",
            "tnet_pe; SIMD=8 ACC_W=24",
            "tnet_pe; SIMD=32 ACC_W=24",
            "tnet_pe; SIMD=4 ACC_W=16",
    })
    void benchPasses(String module, String params) throws Exception {
        Path work = RtlTools.WORK.resolve("bench-" + module + "-" + params.replace(' ', '-').replace('=', '_'));
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "bench.vvp", "-s", "tb_" + module));
        for (String p : params.split(" ")) {
            cmd.add("-Ptb_" + module + "." + p);
        }
        cmd.add(RtlTools.BENCHES.resolve(module).resolve("tb_" + module + ".v").toString());
        for (String dep : List.of("tnet_lane.v", "tnet_adder_tree.v", "tnet_requant.v", "tnet_pe.v")) {
            cmd.add(rtl.resolve(dep).toString());
        }
        RtlTools.Run compile = RtlTools.run(work, 120, cmd);
        assertThat(compile.exit()).as(compile.output()).isZero();
        RtlTools.Run sim = RtlTools.run(work, 120, "vvp", "-n", "bench.vvp");
        assertThat(sim.output()).as(sim.output()).contains("PASS tb_" + module).doesNotContain("FAIL").doesNotContain("ERROR");
    }
}
