package io.tnet.bench;

import io.tnet.kernel.CompiledNetwork;
import io.tnet.kernel.CpuKernel;
import io.tnet.kernel.KernelOptions;
import io.tnet.kernel.Simd;
import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An MNIST-sized int8 model (784-256-10) end to end from raw floats to logits: preprocessing,
 * quantization, layers, dequantization; the kernel against the reference evaluator sample by sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MnistModelBench {

    @Param({"1", "32"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private Model model;
    private CpuKernel kernel;
    private CompiledNetwork net;
    private float[] raw;
    private float[] logits;
    private int in;

    @Setup
    public void setUp() {
        model = BenchModels.mnist();
        in = model.input().shape().size();
        kernel = CpuKernel.create(new KernelOptions(threads, Simd.AUTO));
        net = kernel.compile(model);
        raw = BenchModels.floatInput(new Random(2), batch * in);
        logits = new float[batch * model.output().shape().size()];
        net.warmUp(java.time.Duration.ofSeconds(2));
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    @Benchmark
    public float[] kernel() {
        net.infer(raw, batch, logits);
        return logits;
    }

    /** The reference evaluator over the same batch, one sample at a time (it has no batch API). */
    @Benchmark
    public float[] reference() {
        float[] last = null;
        for (int b = 0; b < batch; b++) {
            last = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, b * in, (b + 1) * in));
        }
        return last;
    }
}
