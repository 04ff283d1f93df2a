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
 * accelerator cycles per CPU second of a run alone (the simulation runs on the calling thread, so CPU
 * time is robust against a loaded machine), inferences per CPU second end to end (AXI transfers of
 * inputs and outputs, JNA calls, run) and per wall second, and the one-off model upload. Writes {@code target/sim-bench.md} (the table in
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
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        StringBuilder md = new StringBuilder("| PE | SIMD | batch | runs | accelerator cycles/run | simulated cycles per "
                + "CPU s (compute) | inferences per CPU s (end to end) | inferences/s wall (end to end) | model upload "
                + "(CPU s) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (AcceleratorConfig c : List.of(AcceleratorConfig.DEFAULT, large)) {
            try (FpgaDevice d = FpgaDevice.open(SimTransportTest.simUri(c, ""))) {
                long u0 = cpu.getCurrentThreadCpuTime();
                FpgaModel fm = FpgaModel.load(d, model);
                double upload = (cpu.getCurrentThreadCpuTime() - u0) / 1e9;
                for (int batch : new int[] {1, 32}) {
                    int runs = batch == 1 ? 30 : 4;
                    Random r = new Random(batch);
                    long cycles = 0, computeCpu = 0, totalCpu = 0, t0 = System.nanoTime();
                    for (int k = 0; k < runs; k++) {
                        float[] raw = new float[batch * 784];
                        for (int i = 0; i < raw.length; i++) {
                            raw[i] = r.nextFloat();
                        }
                        // the simulation runs on this thread, so its CPU time is the cost whatever else the
                        // machine does: once end to end (inputs over AXI, run, outputs), once the run alone
                        long c0 = cpu.getCurrentThreadCpuTime();
                        FpgaModel.Result res = fm.infer(raw, batch, Duration.ofMinutes(5));
                        totalCpu += cpu.getCurrentThreadCpuTime() - c0;
                        long c1 = cpu.getCurrentThreadCpuTime();
                        RunStats again = d.run(fm.packed().numLayers(), batch, Duration.ofMinutes(5));
                        computeCpu += cpu.getCurrentThreadCpuTime() - c1;
                        cycles += again.cycles();
                        float[] first = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, 0, 784));
                        assertThat(Arrays.copyOfRange(res.logits(), 0, 10)).isEqualTo(first);
                    }
                    double total = (System.nanoTime() - t0) / 1e9;
                    md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3g | %.1f | %.1f | %.2f |%n",
                            c.pe(), c.simd(), batch, runs, cycles / runs, cycles / (computeCpu / 1e9),
                            runs * batch / (totalCpu / 1e9), runs * batch / total, upload));
                }
            }
        }
        Files.writeString(Path.of("target/sim-bench.md"), md.toString());
        System.out.print(md);
    }
}
