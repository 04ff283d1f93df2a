package io.tnet.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.Activation;
import io.tnet.model.Dense;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdDense;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Hand-built int8 models at the edges: accumulator limits, absent synapses, saturation, 1-wide layers. */
class EdgeCaseTest {

    private static final List<CpuKernel> KERNELS = List.of(
            CpuKernel.create(new KernelOptions(1, Simd.AUTO)),
            CpuKernel.create(new KernelOptions(2, Simd.BITS_512), 1),
            CpuKernel.create(new KernelOptions(1, Simd.BITS_256)),
            CpuKernel.create(new KernelOptions(1, Simd.BITS_128)),
            CpuKernel.create(new KernelOptions(1, Simd.SCALAR)));

    @AfterAll
    static void close() {
        KERNELS.forEach(CpuKernel::close);
    }

    private static void assertAllKernelsMatchReference(Model model, byte[] q, int batch) {
        int in = model.input().shape().size();
        int out = model.output().shape().size();
        byte[] expected = new byte[batch * out];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ReferenceEvaluator.evaluateInt8(model, Arrays.copyOfRange(q, b * in, (b + 1) * in)), 0,
                    expected, b * out, out);
        }
        for (CpuKernel k : KERNELS) {
            byte[] actual = new byte[batch * out];
            k.compile(model).inferInt8(q, batch, actual);
            assertThat(actual).as(k.simdDescription()).isEqualTo(expected);
        }
    }

    private static Model single(Layer layer, int in, int out) {
        return RandomModels.model(Precision.INT8, Shape.of(in), Shape.of(out), List.of(layer), new Random(1));
    }

    @Test
    void thresholdFanInAtTheInt32AccumulatorLimit() {
        // |2 E - T| up to 255 n with n ~ 8.4 million: the excitatory sum E alone passes 2^30, so the
        // kernels' int arithmetic must wrap consistently.
        int bias = 1000;
        int n = (int) ((Model.ACCUMULATOR_LIMIT - bias) / 255);
        int outputs = 2; // all excitatory, all inhibitory
        byte[] theta = new byte[outputs * n];
        byte[] signs = new byte[outputs * n];
        Arrays.fill(theta, (byte) -128);
        Arrays.fill(signs, 0, n, (byte) 1);
        Arrays.fill(signs, n, 2 * n, (byte) -1);
        ThresholdDense layer = new ThresholdDense("wide", n, outputs, -25, I8Tensor.of(Shape.of(outputs, n), theta),
                I8Tensor.of(Shape.of(outputs, n), signs), I32Tensor.of(Shape.of(outputs), bias, -bias));
        Model model = single(layer, n, outputs);
        byte[] q = new byte[n];
        Arrays.fill(q, (byte) 127);
        assertThat(ReferenceEvaluator.evaluateInt8(model, q)).containsExactly((byte) 64, (byte) -64);
        assertAllKernelsMatchReference(model, q, 1);
    }

    @Test
    void thresholdSumsFlushedManyTimesWithABiasNearTheLimit() {
        // n well past the 16-bit flush interval of every width; bias + sum within 255 of 2^31 - 1.
        Random rnd = new Random(9);
        int n = 20_011;
        int outputs = 3;
        byte[] theta = new byte[outputs * n];
        byte[] signs = new byte[outputs * n];
        Arrays.fill(theta, (byte) -128);
        for (int i = 0; i < n; i++) {
            signs[i] = 1;
            signs[n + i] = -1;
            signs[2 * n + i] = (byte) (rnd.nextInt(3) - 1);
        }
        int bias = (int) (Model.ACCUMULATOR_LIMIT - 255L * n);
        ThresholdDense layer = new ThresholdDense("flush", n, outputs, -24, I8Tensor.of(Shape.of(outputs, n), theta),
                I8Tensor.of(Shape.of(outputs, n), signs), I32Tensor.of(Shape.of(outputs), bias, -bias, bias / 2));
        Model model = single(layer, n, outputs);
        byte[] q = new byte[5 * n];
        Arrays.fill(q, 0, n, (byte) 127);
        for (int i = n; i < 5 * n; i++) {
            q[i] = (byte) rnd.nextInt(256);
        }
        assertThat(ReferenceEvaluator.evaluateInt8(model, Arrays.copyOf(q, n))[0]).isEqualTo((byte) 127);
        assertAllKernelsMatchReference(model, q, 5);
    }

    @Test
    void multiplicationInjectionFanInAtTheAccumulatorLimit() {
        int n = (int) ((Model.ACCUMULATOR_LIMIT - 7) / (128 * 128));
        byte[] w = new byte[2 * n];
        Arrays.fill(w, 0, n, (byte) -128);
        Arrays.fill(w, n, 2 * n, (byte) 127);
        Dense layer = new Dense("mi", n, 2, -23, Activation.NONE, I8Tensor.of(Shape.of(2, n), w),
                I32Tensor.of(Shape.of(2), 7, -7));
        byte[] q = new byte[n];
        Arrays.fill(q, (byte) -128);
        Model model = single(layer, n, 2);
        assertThat(ReferenceEvaluator.evaluateInt8(model, q)).containsExactly((byte) 127, (byte) -128);
        assertAllKernelsMatchReference(model, q, 1);
    }

    @Test
    void allAbsentSynapsesLeaveTheBias() {
        int n = 131;
        ThresholdDense layer = new ThresholdDense("absent", n, 5, 0, I8Tensor.of(Shape.of(5, n), new byte[5 * n]),
                I8Tensor.zeros(Shape.of(5, n)), I32Tensor.of(Shape.of(5), -3, 0, 5, 127, -128));
        Model model = single(layer, n, 5);
        byte[] q = new byte[3 * n];
        new Random(3).nextBytes(q);
        assertThat(ReferenceEvaluator.evaluateInt8(model, Arrays.copyOf(q, n))).containsExactly(-3, 0, 5, 127, -128);
        assertAllKernelsMatchReference(model, q, 3);
    }

    @Test
    void saturatesBothWays() {
        int n = 70;
        byte[] theta = new byte[2 * n];
        byte[] signs = new byte[2 * n];
        Arrays.fill(theta, (byte) -100);
        Arrays.fill(signs, 0, n, (byte) 1);
        Arrays.fill(signs, n, 2 * n, (byte) -1);
        ThresholdDense layer = new ThresholdDense("sat", n, 2, 3, I8Tensor.of(Shape.of(2, n), theta),
                I8Tensor.of(Shape.of(2, n), signs), I32Tensor.of(Shape.of(2), 0, 0));
        Model model = single(layer, n, 2);
        byte[] q = new byte[n];
        Arrays.fill(q, (byte) 50);
        assertThat(ReferenceEvaluator.evaluateInt8(model, q)).containsExactly((byte) 127, (byte) -128);
        assertAllKernelsMatchReference(model, q, 1);
    }

    @Test
    void oneWideLayers() {
        Random rnd = new Random(11);
        List<Layer> layers = List.of(
                RandomModels.thresholdDense(rnd, "a", 1, 1, Precision.INT8),
                RandomModels.dense(rnd, "b", 1, 1, Precision.INT8),
                RandomModels.thresholdDense(rnd, "c", 1, 1, Precision.INT8));
        Model model = RandomModels.model(Precision.INT8, Shape.of(1), Shape.of(1), layers, rnd);
        byte[] q = new byte[256];
        for (int i = 0; i < 256; i++) {
            q[i] = (byte) i;
        }
        assertAllKernelsMatchReference(model, q, 256);
    }

    @Test
    void inputQuantizationMatchesTheReferenceAtTiesExtremesAndNonFiniteValues() {
        // Identity threshold layer: sign +1 on the diagonal, theta -128, bias -128, so y = q exactly.
        int n = 300;
        byte[] theta = new byte[n * n];
        byte[] signs = new byte[n * n];
        int[] bias = new int[n];
        Arrays.fill(theta, (byte) -128);
        Arrays.fill(bias, -128);
        for (int i = 0; i < n; i++) {
            signs[i * n + i] = 1;
        }
        ThresholdDense id = new ThresholdDense("id", n, n, 0, I8Tensor.of(Shape.of(n, n), theta),
                I8Tensor.of(Shape.of(n, n), signs), I32Tensor.of(Shape.of(n), bias));
        for (int fracBits : new int[] {-3, 0, 4, 16}) {
            Model model = new Model(Model.FORMAT_VERSION, "id", Precision.INT8,
                    new io.tnet.model.TensorSpec("in", io.tnet.model.ElementType.FP32, Shape.of(n)),
                    new io.tnet.model.TensorSpec("out", io.tnet.model.ElementType.FP32, Shape.of(n)), List.of(),
                    new io.tnet.model.Preprocessing(0.5f, -1f), new io.tnet.model.Quantization(fracBits, 2), List.of(id),
                    java.util.Map.of());
            float[] raw = new float[n];
            float unit = Math.scalb(1f, -fracBits);
            for (int i = 0; i < 280; i++) {
                raw[i] = ((i - 140) + 0.5f) * unit * 2 + 2; // after x * 0.5 - 1: exact ties k + 1/2 units
            }
            float[] extremes = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, -0f, 0f,
                    1e30f, -1e30f, 3.4e-39f, 2.5f, -2.5f, 1.5f, -1.5f, 0.49999997f, 127.5f, -128.5f, 1e-20f, 7f, 8f, 9f};
            System.arraycopy(extremes, 0, raw, 280, 20);
            float[] expected = ReferenceEvaluator.infer(model, raw);
            for (CpuKernel k : KERNELS) {
                float[] actual = new float[n];
                k.compile(model).infer(raw, 1, actual);
                assertThat(actual).as("fracBits %d, %s", fracBits, k.simdDescription()).isEqualTo(expected);
            }
            raw[7] = Float.NaN;
            assertThatThrownBy(() -> KERNELS.get(0).compile(model).infer(raw, 1, new float[n]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        }
    }

    @Test
    void int8ResidentMemoryIsAtMostOneAndAQuarterBytesPerSynapse() {
        Random rnd = new Random(5);
        for (int[] shape : new int[][] {{784, 256, 10}, {1024, 1024, 1024}, {4096, 1024, 10}, {300, 100, 10}}) {
            List<Layer> layers = List.of(
                    RandomModels.thresholdDense(rnd, "h", shape[0], shape[1], Precision.INT8),
                    RandomModels.thresholdDense(rnd, "o", shape[1], shape[2], Precision.INT8));
            Model model = RandomModels.model(Precision.INT8, Shape.of(shape[0]), Shape.of(shape[2]), layers, rnd);
            long synapses = (long) shape[0] * shape[1] + (long) shape[1] * shape[2];
            long resident = KERNELS.get(0).compile(model).residentBytes();
            assertThat((double) resident / synapses).as(Arrays.toString(shape)).isLessThanOrEqualTo(1.25)
                    .isGreaterThanOrEqualTo(1.125);
        }
    }

    @Test
    void warmUpLeavesResultsUnchanged() {
        Random rnd = new Random(21);
        Model model = RandomModels.network(rnd, Precision.INT8, 150);
        int in = model.input().shape().size();
        byte[] q = RandomModels.int8Inputs(rnd, in);
        CompiledNetwork net = KERNELS.get(1).compile(model);
        net.warmUp(java.time.Duration.ofMillis(50));
        byte[] out = new byte[model.output().shape().size()];
        net.inferInt8(q, 1, out);
        assertThat(out).isEqualTo(ReferenceEvaluator.evaluateInt8(model, q));
    }

    @Test
    void rejectsBadArgumentsAndAClosedKernel() {
        Random rnd = new Random(2);
        Model model = single(RandomModels.thresholdDense(rnd, "a", 10, 3, Precision.INT8), 10, 3);
        CpuKernel kernel = CpuKernel.create(new KernelOptions(2, Simd.AUTO), 1);
        CompiledNetwork net = kernel.compile(model);
        assertThatThrownBy(() -> net.inferInt8(new byte[19], 2, new byte[6])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 20");
        assertThatThrownBy(() -> net.inferInt8(new byte[20], 2, new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net.inferInt8(new byte[20], 0, new byte[6])).isInstanceOf(IllegalArgumentException.class);
        kernel.close();
        assertThatThrownBy(() -> net.inferInt8(new byte[20], 2, new byte[6])).isInstanceOf(IllegalStateException.class);
        Model floatModel = RandomModels.model(Precision.FLOAT32, Shape.of(10), Shape.of(3),
                List.of(RandomModels.thresholdDense(rnd, "f", 10, 3, Precision.FLOAT32)), rnd);
        assertThatThrownBy(() -> KERNELS.get(0).compile(floatModel).inferInt8(new byte[10], 1, new byte[3]))
                .isInstanceOf(IllegalStateException.class);
    }
}
