package io.tnet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random networks of random shapes, every instruction width and thread count, against the reference
 * evaluator: bit-exact in int8, within the documented tolerance in float.
 */
class KernelEquivalenceTest {

    /** Every width; minTaskWork 1 forces even tiny layers to be split over the pool. */
    private static final List<CpuKernel> KERNELS = List.of(
            CpuKernel.create(new KernelOptions(1, Simd.AUTO)),
            CpuKernel.create(new KernelOptions(3, Simd.AUTO), 1),
            CpuKernel.create(new KernelOptions(2, Simd.BITS_512), 1),
            CpuKernel.create(new KernelOptions(2, Simd.BITS_256), 1),
            CpuKernel.create(new KernelOptions(1, Simd.BITS_128)),
            CpuKernel.create(new KernelOptions(2, Simd.SCALAR), 1));

    @AfterContainer
    static void closeKernels() {
        KERNELS.forEach(CpuKernel::close);
    }

    @Property(tries = 150)
    void int8IsBitExactWithTheReference(@ForAll long seed) {
        Random rnd = new Random(seed);
        Model model = RandomModels.network(rnd, Precision.INT8, 200);
        int in = model.input().shape().size();
        int out = model.output().shape().size();
        int batch = 1 + rnd.nextInt(9);
        byte[] q = RandomModels.int8Inputs(rnd, batch * in);
        byte[] expected = new byte[batch * out];
        for (int b = 0; b < batch; b++) {
            byte[] y = ReferenceEvaluator.evaluateInt8(model, Arrays.copyOfRange(q, b * in, (b + 1) * in));
            System.arraycopy(y, 0, expected, b * out, out);
        }
        for (CpuKernel kernel : KERNELS) {
            CompiledNetwork net = kernel.compile(model);
            byte[] actual = new byte[batch * out];
            net.inferInt8(q, batch, actual);
            assertThat(actual).as("%s threads=%d", net.simdDescription(), kernel.options().threads()).isEqualTo(expected);
        }
    }

    @Property(tries = 60)
    void int8InferMatchesReferenceInferIncludingQuantization(@ForAll long seed) {
        Random rnd = new Random(seed);
        Model model = RandomModels.network(rnd, Precision.INT8, 120);
        int in = model.input().shape().size();
        int out = model.output().shape().size();
        int batch = 1 + rnd.nextInt(5);
        float[] raw = RandomModels.floatInputs(rnd, batch * in);
        float[] expected = new float[batch * out];
        for (int b = 0; b < batch; b++) {
            float[] y = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, b * in, (b + 1) * in));
            System.arraycopy(y, 0, expected, b * out, out);
        }
        for (CpuKernel kernel : KERNELS) {
            float[] actual = new float[batch * out];
            kernel.compile(model).infer(raw, batch, actual);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Property(tries = 80)
    void floatAgreesWithTheReferenceAndIsDeterministic(@ForAll long seed) {
        Random rnd = new Random(seed);
        Model model = RandomModels.network(rnd, Precision.FLOAT32, 200);
        int in = model.input().shape().size();
        int out = model.output().shape().size();
        int batch = 1 + rnd.nextInt(9);
        float[] raw = RandomModels.floatInputs(rnd, batch * in);
        float[] expected = new float[batch * out];
        for (int b = 0; b < batch; b++) {
            float[] y = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, b * in, (b + 1) * in));
            System.arraycopy(y, 0, expected, b * out, out);
        }
        float scale = 0f;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        float[] single = null;
        for (CpuKernel kernel : KERNELS) {
            CompiledNetwork net = kernel.compile(model);
            float[] actual = new float[batch * out];
            net.infer(raw, batch, actual);
            for (int i = 0; i < actual.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i])).as("%s output %d", net.simdDescription(), i)
                        .isLessThanOrEqualTo(1e-4f * (1 + scale));
            }
            // Same width, other thread count / batch grouping: identical bits.
            if (kernel == KERNELS.get(0)) {
                single = actual;
                float[] one = new float[out];
                net.infer(Arrays.copyOfRange(raw, (batch - 1) * in, batch * in), 1, one);
                assertThat(one).isEqualTo(Arrays.copyOfRange(actual, (batch - 1) * out, batch * out));
            } else if (kernel == KERNELS.get(1)) {
                assertThat(actual).isEqualTo(single);
            }
        }
    }
}
