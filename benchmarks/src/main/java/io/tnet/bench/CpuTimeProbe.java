package io.tnet.bench;

import io.tnet.kernel.CompiledNetwork;
import io.tnet.kernel.CpuKernel;
import io.tnet.kernel.KernelOptions;
import io.tnet.kernel.Simd;
import io.tnet.model.Precision;
import io.tnet.model.ThresholdDense;
import io.tnet.model.reference.ReferenceEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Single-thread throughput by the calling thread's <em>CPU time</em> instead of wall-clock time, so the
 * number holds on a machine shared with other work (time spent descheduled is not counted; cache and
 * memory-bandwidth interference still are). Complements the JMH wall-clock numbers; same layers, same
 * seeds. Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * io.tnet.bench.CpuTimeProbe [seconds-per-case]}.
 */
public final class CpuTimeProbe {

    private CpuTimeProbe() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Warm every code path first: under load, C2 may take seconds to compile the Vector API loops,
        // and until then they run boxed in C1 code at a fraction of the speed.
        run(mx, 0.3, false);
        run(mx, seconds, true);
    }

    private static void run(ThreadMXBean mx, double seconds, boolean print) {
        if (print) {
            System.out.println("case                          shape       batch   cpu-us/op    G synapses/s (CPU time)");
        }
        for (String shape : List.of("256x256", "1024x1024", "4096x1024")) {
            for (int batch : new int[] {1, 32}) {
                int[] s = BenchModels.shape(shape);
                Random rnd = new Random(1);
                ThresholdDense t = BenchModels.int8Threshold(rnd, "t", s[0], s[1]);
                try (CpuKernel kernel = CpuKernel.create(new KernelOptions(1, Simd.AUTO))) {
                    CompiledNetwork int8 = kernel.compile(BenchModels.model(Precision.INT8, s[0], s[1], List.of(t)));
                    CompiledNetwork fp32 = kernel.compile(BenchModels.model(Precision.FLOAT32, s[0], s[1],
                            List.of(BenchModels.fp32Dense(rnd, "d", s[0], s[1]))));
                    byte[] q = BenchModels.int8Input(rnd, batch * s[0]);
                    byte[] out8 = new byte[batch * s[1]];
                    float[] x = BenchModels.floatInput(rnd, batch * s[0]);
                    float[] outF = new float[batch * s[1]];
                    long synapses = (long) batch * s[0] * s[1];
                    report(print, "int8 threshold (" + int8.simdDescription() + ")", shape, batch, synapses,
                            measure(mx, seconds, () -> int8.inferInt8(q, batch, out8)));
                    report(print, "fp32 dense FMA", shape, batch, synapses, measure(mx, seconds, () -> fp32.infer(x, batch, outF)));
                    if (batch == 1 && s[0] <= 1024) {
                        report(print, "scalar reference", shape, batch, synapses,
                                measure(mx, seconds, () -> ReferenceEvaluator.thresholdDense(t, q)));
                    }
                }
            }
        }
    }

    private static double measure(ThreadMXBean mx, double seconds, Runnable op) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wallEnd = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        while (System.nanoTime() < wallEnd) {
            op.run();
            ops++;
        }
        return (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / ops;
    }

    private static void report(boolean print, String name, String shape, int batch, long synapses, double cpuMicros) {
        if (!print) {
            return;
        }
        System.out.println(String.format(Locale.ROOT, "%-29s %-11s %5d %11.2f %12.2f", name, shape, batch, cpuMicros,
                synapses / cpuMicros / 1e3));
    }
}
