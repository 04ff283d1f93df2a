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
        mnist(mx, seconds);
        scaling(seconds);
    }

    /** The MNIST-sized model end to end (raw floats to logits), kernel vs reference, one thread. */
    private static void mnist(ThreadMXBean mx, double seconds) {
        io.tnet.model.Model model = BenchModels.mnist();
        int in = model.input().shape().size();
        System.out.println();
        System.out.println("MNIST-sized model end to end  batch   cpu-us/op    samples/s (CPU time)");
        try (CpuKernel kernel = CpuKernel.create(new KernelOptions(1, Simd.AUTO))) {
            CompiledNetwork net = kernel.compile(model);
            for (int batch : new int[] {1, 32}) {
                float[] raw = BenchModels.floatInput(new Random(2), batch * in);
                float[] logits = new float[batch * model.output().shape().size()];
                double k = measure(mx, seconds, () -> net.infer(raw, batch, logits));
                double r = measure(mx, seconds, () -> {
                    for (int b = 0; b < batch; b++) {
                        ReferenceEvaluator.infer(model, java.util.Arrays.copyOfRange(raw, b * in, (b + 1) * in));
                    }
                });
                System.out.println(String.format(Locale.ROOT, "%-29s %5d %11.2f %12.0f", "kernel", batch, k, batch / k * 1e6));
                System.out.println(String.format(Locale.ROOT, "%-29s %5d %11.2f %12.0f", "reference", batch, r, batch / r * 1e6));
            }
        }
    }

    /**
     * Two threads vs one at batch 32: wall time per op (what the target is about, distorted by other
     * load) and process CPU time per op (the parallel overhead: equal CPU per op means the split itself
     * costs nothing, so on two free cores the speedup is bounded only by the slower half).
     */
    private static void scaling(double seconds) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println();
        System.out.println("int8 1024x1024 batch 32       threads  wall-us/op  process-cpu-us/op");
        int[] s = BenchModels.shape("1024x1024");
        Random rnd = new Random(1);
        ThresholdDense t = BenchModels.int8Threshold(rnd, "t", s[0], s[1]);
        byte[] q = BenchModels.int8Input(rnd, 32 * s[0]);
        byte[] out = new byte[32 * s[1]];
        for (int threads : new int[] {1, 2, 1, 2}) {
            try (CpuKernel kernel = CpuKernel.create(new KernelOptions(threads, Simd.AUTO))) {
                CompiledNetwork net = kernel.compile(BenchModels.model(Precision.INT8, s[0], s[1], List.of(t)));
                long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
                while (System.nanoTime() < warmEnd) {
                    net.inferInt8(q, 32, out);
                }
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long wallEnd = wall0 + (long) (seconds * 1e9);
                long ops = 0;
                while (System.nanoTime() < wallEnd) {
                    net.inferInt8(q, 32, out);
                    ops++;
                }
                double wall = (System.nanoTime() - wall0) / 1e3 / ops;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e3 / ops;
                System.out.println(String.format(Locale.ROOT, "%-29s %7d %11.1f %18.1f", "", threads, wall, cpu));
            }
        }
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
