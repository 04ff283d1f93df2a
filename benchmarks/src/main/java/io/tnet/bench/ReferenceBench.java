package io.tnet.bench;

import io.tnet.kernel.CompiledNetwork;
import io.tnet.kernel.CpuKernel;
import io.tnet.kernel.KernelOptions;
import io.tnet.kernel.Simd;
import io.tnet.model.Precision;
import io.tnet.model.ThresholdDense;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.List;
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
 * The same int8 threshold dense layer (batch 1, one thread) three ways in one run: the scalar reference
 * evaluator (the specification), the kernel's scalar fallback, and the kernel at the preferred width.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ReferenceBench {

    @Param({"256x256", "1024x1024"})
    public String shape;

    private ThresholdDense layer;
    private CpuKernel vector;
    private CpuKernel scalar;
    private CompiledNetwork vectorNet;
    private CompiledNetwork scalarNet;
    private byte[] q;
    private byte[] out;

    @Setup
    public void setUp() {
        int[] s = BenchModels.shape(shape);
        Random rnd = new Random(1);
        layer = BenchModels.int8Threshold(rnd, "t", s[0], s[1]);
        var model = BenchModels.model(Precision.INT8, s[0], s[1], List.of(layer));
        vector = CpuKernel.create(new KernelOptions(1, Simd.AUTO));
        scalar = CpuKernel.create(new KernelOptions(1, Simd.SCALAR));
        vectorNet = vector.compile(model);
        scalarNet = scalar.compile(model);
        q = BenchModels.int8Input(rnd, s[0]);
        out = new byte[s[1]];
        vectorNet.warmUp(java.time.Duration.ofSeconds(2));
        scalarNet.warmUp(java.time.Duration.ofSeconds(2));
    }

    @TearDown
    public void tearDown() {
        vector.close();
        scalar.close();
    }

    @Benchmark
    public byte[] reference() {
        return ReferenceEvaluator.thresholdDense(layer, q);
    }

    @Benchmark
    public byte[] kernelScalar() {
        scalarNet.inferInt8(q, 1, out);
        return out;
    }

    @Benchmark
    public byte[] kernelVector() {
        vectorNet.inferInt8(q, 1, out);
        return out;
    }
}
