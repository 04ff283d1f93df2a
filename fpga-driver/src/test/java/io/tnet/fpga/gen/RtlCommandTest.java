package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.cli.TnetCommand;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.reference.ReferenceEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtlCommandTest {

    @Test
    void generateWritesDesignAndGoldenVectors(@TempDir Path dir) throws Exception {
        Model m = RandomModels.mlp(11, 50, 20, 7);
        Path file = dir.resolve("m.safetensors");
        ModelWriter.write(m, file);
        Path out = dir.resolve("out");
        int rc = TnetCommand.commandLine().execute("rtl", "generate", "--out", out.toString(), "--pe", "4", "--simd", "8",
                "--model", file.toString(), "--samples", "3");
        assertThat(rc).isZero();
        assertThat(out.resolve("rtl/tnet_accel.v")).content().contains("parameter PE          = 4,");
        assertThat(out.resolve("manifest.json")).content().contains("\"pe\" : 4");
        assertThat(out.resolve("include/tnet_accel_regs.h")).content().isEqualTo(Emitters.cHeader());
        byte[] in = Files.readAllBytes(out.resolve("golden/in.bin"));
        byte[] expected = Files.readAllBytes(out.resolve("golden/expected_out.bin"));
        assertThat(in).hasSize(3 * 56);
        assertThat(expected).hasSize(3 * 8);
        byte[] y = ReferenceEvaluator.evaluateInt8(m, Arrays.copyOfRange(in, 56, 106));
        assertThat(Arrays.copyOfRange(expected, 8, 15)).isEqualTo(y);
        assertThat(Files.readString(out.resolve("golden/run.txt")).strip()).isEqualTo("2 3 24");
    }

    @Test
    void estimateRefusesAndEstimates(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelWriter.write(RandomModels.mlp(12, 300, 10), file);
        assertThat(TnetCommand.commandLine().execute("rtl", "estimate", "--model", file.toString())).isZero();
        assertThat(TnetCommand.commandLine().execute("rtl", "estimate", "--model", file.toString(),
                "--max-inputs", "128")).isEqualTo(3);
    }

    @Test
    void headerCommandWritesTheCheckedInHeader(@TempDir Path dir) {
        Path h = dir.resolve("x/tnet_accel_regs.h");
        assertThat(TnetCommand.commandLine().execute("rtl", "header", "--out", h.toString())).isZero();
        assertThat(h).content().isEqualTo(Emitters.cHeader());
    }
}
