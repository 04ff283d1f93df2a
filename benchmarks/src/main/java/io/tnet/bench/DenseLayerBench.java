package io.tnet.bench;

import io.tnet.kernel.CompiledNetwork;
import io.tnet.kernel.CpuKernel;
import io.tnet.kernel.KernelOptions;
import io.tnet.kernel.Simd;
import io.tnet.model.Precision;
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
 * One dense layer, int8 threshold vs FP32 multiply-accumulate (Vector API FMA, same framework, same
 * blocking over four rows), same shape, batch and thread count. Synapses per second =
 * {@code batch * inputs * outputs / time}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DenseLayerBench {

    @Param({"256x256", "1024x1024", "4096x1024"})
    public String shape;

    @Param({"1", "32"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private CpuKernel kernel;
    private CompiledNetwork int8;
    private CompiledNetwork fp32;
    private byte[] q;
    private byte[] out8;
    private float[] x;
    private float[] outF;

    @Setup
    public void setUp() {
        int[] s = BenchModels.shape(shape);
        Random rnd = new Random(1);
        kernel = CpuKernel.create(new KernelOptions(threads, Simd.AUTO));
        int8 = kernel.compile(BenchModels.model(Precision.INT8, s[0], s[1],
                List.of(BenchModels.int8Threshold(rnd, "t", s[0], s[1]))));
        fp32 = kernel.compile(BenchModels.model(Precision.FLOAT32, s[0], s[1],
                List.of(BenchModels.fp32Dense(rnd, "d", s[0], s[1]))));
        q = BenchModels.int8Input(rnd, batch * s[0]);
        x = BenchModels.floatInput(rnd, batch * s[0]);
        out8 = new byte[batch * s[1]];
        outF = new float[batch * s[1]];
        int8.warmUp(java.time.Duration.ofSeconds(2));
        fp32.warmUp(java.time.Duration.ofSeconds(2));
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    @Benchmark
    public byte[] int8Threshold() {
        int8.inferInt8(q, batch, out8);
        return out8;
    }

    @Benchmark
    public float[] fp32Dense() {
        fp32.infer(x, batch, outF);
        return outF;
    }
}
