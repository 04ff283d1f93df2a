package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.reference.ReferenceEvaluator;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cycles per inference of the bundled mnist-tn-mlp (INT8 version 2, 784-256-10 ThresholdDense) on
 * PE=16/SIMD=32 and PE=32/SIMD=64, measured on the Verilated accelerator and compared with the
 * generator's {@link CycleModel}. Writes {@code target/rtl-tests/benchmark.md} (the table in
 * docs/benchmarks.md). Opt-in: the two full-size Verilator builds take minutes, more than the default
 * build's budget; the default build checks the same cycle model on a smaller configuration
 * ({@link AcceleratorSimulationTest}).
 *
 * <p>Run: {@code ./mvnw -pl fpga-driver -am verify -Dtest=AcceleratorBenchmarkTest -Dtnet.rtl.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "tnet.rtl.bench", matches = "true",
        disabledReason = "full-size Verilator builds take minutes; enable with -Dtnet.rtl.bench=true")
class AcceleratorBenchmarkTest {

    /** Random quantized pixels in [0, 127] (inputs in [0, 1] with 7 fraction bits). */
    private static byte[] pixels(int batch, int width) {
        byte[] q = RandomModels.inputs(batch, batch, width);
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (q[i] & 0x7F);
        }
        return q;
    }

    @Test
    void mlpCyclesPerInference() throws Exception {
        AcceleratorConfig base = AcceleratorConfig.DEFAULT;
        AcceleratorConfig large = new AcceleratorConfig(32, 64, 8, 24, 1024, 1024, 16, 256, 64, 512, 64, 200);
        Model m = ModelReader.read(RtlTools.MODULE.resolve("../models/mnist-tn-mlp/2/model.safetensors").normalize());
        StringBuilder md = new StringBuilder("| PE | SIMD | batch | cycles (simulated) | cycles (CycleModel) | cycles/inference "
                + "| inferences/s at 200 MHz |\n|---|---|---|---|---|---|---|\n");
        for (AcceleratorConfig c : List.of(base, large)) {
            AcceleratorSim sim = AcceleratorSim.build("bench-" + c.pe() + "x" + c.simd(), c);
            PackedModel p = ModelPacker.pack(m, c);
            List<AcceleratorSim.Case> cases = new ArrayList<>();
            int[] batches = {1, Math.min(32, p.maxBatch())};
            for (int b : batches) {
                cases.add(AcceleratorSim.Case.of("b" + b, p, b, pixels(b, 784)));
            }
            List<AcceleratorSim.Result> rs = sim.run(cases);
            for (int i = 0; i < batches.length; i++) {
                int b = batches[i];
                AcceleratorSim.Result r = rs.get(i);
                assertThat(r.error()).isZero();
                assertThat(r.cycles()).isEqualTo(p.cycles(b));
                byte[] q = pixels(b, 784);
                byte[] y = p.unpackOutputs(r.out(), b);
                for (int s = 0; s < b; s++) {
                    assertThat(Arrays.copyOfRange(y, 10 * s, 10 * s + 10))
                            .isEqualTo(ReferenceEvaluator.evaluateInt8(m, Arrays.copyOfRange(q, 784 * s, 784 * s + 784)));
                }
                double perInference = (double) r.cycles() / b;
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.1f | %.0f |%n", c.pe(), c.simd(), b,
                        r.cycles(), p.cycles(b), perInference, 200e6 / perInference));
            }
        }
        Files.writeString(RtlTools.WORK.resolve("benchmark.md"), md.toString());
        System.out.print(md);
    }
}
