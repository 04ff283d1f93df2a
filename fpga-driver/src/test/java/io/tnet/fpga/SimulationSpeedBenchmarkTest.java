package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Simulation speed of the {@code sim:} transport: the bundled mnist-tn-mlp (784-256-10) on the Verilated
 * accelerator through the whole driver stack, for PE=16/SIMD=32 and PE=32/SIMD=64. Reports simulated
 * accelerator cycles per wall second while the core computes (CYCLES / wall time of start..done),
 * end-to-end inferences per second (including the AXI transfers of inputs and outputs and the JNA
 * calls) and the one-off model upload. Writes {@code target/sim-bench.md} (the table in
 * docs/benchmarks.md). Opt-in: timing on a shared 2-core machine belongs in a benchmark run, not in
 * the default build; outputs are still checked against the reference.
 *
 * <p>Run: {@code ./mvnw -pl fpga-driver -am verify -Dtest=SimulationSpeedBenchmarkTest -Dtnet.sim.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "tnet.sim.bench", matches = "true",
        disabledReason = "a timing benchmark; enable with -Dtnet.sim.bench=true")
class SimulationSpeedBenchmarkTest {

    @Test
    void simulationSpeed() throws Exception {
        Model model = BundledModelsCoSimTest.bundled("mnist-tn-mlp", 2);
        AcceleratorConfig large = new AcceleratorConfig(32, 64, 8, 24, 1024, 1024, 16, 256, 64, 512, 64, 200);
        StringBuilder md = new StringBuilder("| PE | SIMD | batch | runs | accelerator cycles/run | simulated cycles/s "
                + "(compute) | inferences/s (end to end) | model upload (s) |\n|---|---|---|---|---|---|---|---|\n");
        for (AcceleratorConfig c : List.of(AcceleratorConfig.DEFAULT, large)) {
            try (FpgaDevice d = FpgaDevice.open(SimTransportTest.simUri(c, ""))) {
                long u0 = System.nanoTime();
                FpgaModel fm = FpgaModel.load(d, model);
                double upload = (System.nanoTime() - u0) / 1e9;
                for (int batch : new int[] {1, 32}) {
                    int runs = batch == 1 ? 30 : 4;
                    Random r = new Random(batch);
                    long cycles = 0, computeNanos = 0, t0 = System.nanoTime();
                    for (int k = 0; k < runs; k++) {
                        float[] raw = new float[batch * 784];
                        for (int i = 0; i < raw.length; i++) {
                            raw[i] = r.nextFloat();
                        }
                        FpgaModel.Result res = fm.infer(raw, batch, Duration.ofMinutes(5));
                        cycles += res.stats().cycles();
                        computeNanos += res.stats().wallNanos();
                        float[] first = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, 0, 784));
                        assertThat(Arrays.copyOfRange(res.logits(), 0, 10)).isEqualTo(first);
                    }
                    double total = (System.nanoTime() - t0) / 1e9;
                    md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3g | %.1f | %.2f |%n", c.pe(),
                            c.simd(), batch, runs, cycles / runs, cycles / (computeNanos / 1e9),
                            runs * batch / total, upload));
                }
            }
        }
        Files.writeString(Path.of("target/sim-bench.md"), md.toString());
        System.out.print(md);
    }
}
