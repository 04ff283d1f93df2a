package io.tnet.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Dense;
import io.tnet.model.ElementType;
import io.tnet.model.F32Tensor;
import io.tnet.model.Flatten;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.InvalidModelException;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reference evaluator on inputs small enough to compute by hand; each expected value is derived
 * in the comment next to it from the formulas in {@code docs/neuron.md}.
 */
class ReferenceEvaluatorTest {

    static F32Tensor f32(Shape s, float... v) {
        return F32Tensor.of(s, v);
    }

    static I8Tensor i8(Shape s, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return I8Tensor.of(s, b);
    }

    static I32Tensor i32(Shape s, int... v) {
        return I32Tensor.of(s, v);
    }

    static byte[] bytes(int... v) {
        return i8(Shape.of(v.length), v).toArray();
    }

    static Model model(Precision p, Shape in, Shape out, Quantization q, Preprocessing pre, Layer... layers) {
        return new Model(Model.FORMAT_VERSION, "t", p, new TensorSpec("in", ElementType.FP32, in),
                new TensorSpec("out", ElementType.FP32, out), List.of(), pre, q, List.of(layers), Map.of());
    }

    @Nested
    class ThresholdDenseLayer {

        /**
         * x = [1, 0.5, -2].
         * n0: theta [0.5, 1, -3], s [+1, -1, +1], b 0.25, k -1:
         *     max(0.5,0) - max(-0.5,0) + max(1,0) = 1.5; (1.5 + 0.25) * 2^-1 = 0.875
         * n1: theta [2, 0, 0], s [+1, +1, 0], b -1, k ... same layer k -1:
         *     max(-1,0) + max(0.5,0) + 0 = 0.5; (0.5 - 1) * 2^-1 = -0.25 (not rectified)
         */
        @Test
        void floatHandComputed() {
            Shape w = Shape.of(2, 3);
            ThresholdDense d = new ThresholdDense("d", 3, 2, -1, f32(w, 0.5f, 1f, -3f, 2f, 0f, 0f),
                    i8(w, 1, -1, 1, 1, 1, 0), f32(Shape.of(2), 0.25f, -1f));
            assertThat(ReferenceEvaluator.thresholdDense(d, new float[] {1f, 0.5f, -2f})).containsExactly(0.875f, -0.25f);
        }

        /**
         * x = [100, -50, 127].
         * n0: theta [-128, 0, 127], s [+1, -1, +1], b 10, k -2:
         *     228 - 0 + 0 = 228; acc 238; (238 + 2) >> 2 = 60
         * n1: theta [127, 127, -128], s [-1, -1, -1], b -3, k -2:
         *     0 + 0 - 255 = -255; acc -258; (-258 + 2) >> 2 = -64
         */
        @Test
        void int8HandComputed() {
            Shape w = Shape.of(2, 3);
            ThresholdDense d = new ThresholdDense("d", 3, 2, -2, i8(w, -128, 0, 127, 127, 127, -128),
                    i8(w, 1, -1, 1, -1, -1, -1), i32(Shape.of(2), 10, -3));
            assertThat(ReferenceEvaluator.thresholdDense(d, bytes(100, -50, 127))).containsExactly(60, -64);
        }

        /** 1000 taps of 255 = 255000 (needs 18 bits); k -11: (255000 + 1024) >> 11 = 125; k -10: 249.02 saturates. */
        @Test
        void int8WideAccumulatorAndSaturation() {
            int n = 1000;
            Shape w = Shape.of(1, n);
            byte[] theta = new byte[n];
            byte[] sign = new byte[n];
            byte[] x = new byte[n];
            Arrays.fill(theta, (byte) -128);
            Arrays.fill(sign, (byte) 1);
            Arrays.fill(x, (byte) 127);
            ThresholdDense d11 = new ThresholdDense("d", n, 1, -11, I8Tensor.of(w, theta), I8Tensor.of(w, sign), i32(Shape.of(1), 0));
            ThresholdDense d10 = new ThresholdDense("d", n, 1, -10, I8Tensor.of(w, theta), I8Tensor.of(w, sign), i32(Shape.of(1), 0));
            assertThat(ReferenceEvaluator.thresholdDense(d11, x)).containsExactly(125);
            assertThat(ReferenceEvaluator.thresholdDense(d10, x)).containsExactly(127);
            Arrays.fill(sign, (byte) -1);
            ThresholdDense neg = new ThresholdDense("d", n, 1, -10, I8Tensor.of(w, theta), I8Tensor.of(w, sign), i32(Shape.of(1), 0));
            assertThat(ReferenceEvaluator.thresholdDense(neg, x)).containsExactly(-128);
        }

        /**
         * Bias at the edge of the int32 guarantee: 2 taps of 255 plus b = 2^31 - 1 - 510 reach exactly
         * 2^31 - 1 without overflow; (2^31 - 1 + 2^23) >> 24 = 128 saturates to 127. One more is refused.
         */
        @Test
        void int8AccumulatorAtTheInt32Limit() {
            Shape w = Shape.of(1, 2);
            int b = Integer.MAX_VALUE - 510;
            ThresholdDense d = new ThresholdDense("d", 2, 1, -24, i8(w, -128, -128), i8(w, 1, 1), i32(Shape.of(1), b));
            Model m = model(Precision.INT8, Shape.of(2), Shape.of(1), new Quantization(0, 0), Preprocessing.IDENTITY, d);
            assertThat(ReferenceEvaluator.evaluateInt8(m, bytes(127, 127))).containsExactly(127);
            ThresholdDense over = new ThresholdDense("d", 2, 1, -24, i8(w, -128, -128), i8(w, 1, 1), i32(Shape.of(1), b + 1));
            assertThatThrownBy(() -> model(Precision.INT8, Shape.of(2), Shape.of(1), new Quantization(0, 0),
                    Preprocessing.IDENTITY, over)).isInstanceOfSatisfying(InvalidModelException.class,
                    e -> assertThat(e.problem()).isEqualTo(InvalidModelException.Problem.ACCUMULATOR_RANGE));
        }
    }

    @Nested
    class ThresholdConv2dLayer {

        static final Conv2dGeometry G = new Conv2dGeometry(1, 1, 2, 2, 2, 2, 1, 1);
        static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};   // [1, 3, 3]

        /**
         * Input 3x3 = 1..9, kernel 2x2, stride 2, padding 1 -> output 2x2; output (p, q) reads input rows
         * 2p-1+u, cols 2q-1+v. theta [[-1, 0], [0, 2]], s [[+1, +1], [-1, +1]]. Padding reads 0.
         *   (0,0): pad max(0+1)=1, pad 0, pad -0, x=1 max(1-2)=0            -> 1
         *   (0,1): pad 1, pad 0, x=2 -max(2-0)=-2, x=3 max(3-2)=1           -> 0
         *   (1,0): pad 1, x=4 max(4)=4, pad -0, x=7 max(7-2)=5               -> 10
         *   (1,1): x=5 max(5+1)=6, x=6 6, x=8 -8, x=9 7                      -> 11
         * float: b 0.5, k -1 -> (1.5, 0.5, 10.5, 11.5) / 2
         */
        @Test
        void floatStrideAndPaddingHandComputed() {
            ThresholdConv2d c = new ThresholdConv2d("c", G, -1, f32(G.kernelShape(), -1, 0, 0, 2),
                    i8(G.kernelShape(), 1, 1, -1, 1), f32(Shape.of(1), 0.5f));
            assertThat(G.outputShape("c", Shape.of(1, 3, 3))).isEqualTo(Shape.of(1, 2, 2));
            assertThat(ReferenceEvaluator.thresholdConv2d(c, Shape.of(1, 3, 3), X)).containsExactly(0.75f, 0.25f, 5.25f, 5.75f);
        }

        /** Same in int8 with b 1: acc (2, 1, 11, 12), k -1 -> (3>>1, 2>>1, 12>>1, 13>>1) = (1, 1, 6, 6). */
        @Test
        void int8StrideAndPaddingHandComputed() {
            ThresholdConv2d c = new ThresholdConv2d("c", G, -1, i8(G.kernelShape(), -1, 0, 0, 2),
                    i8(G.kernelShape(), 1, 1, -1, 1), i32(Shape.of(1), 1));
            assertThat(ReferenceEvaluator.thresholdConv2d(c, Shape.of(1, 3, 3), bytes(1, 2, 3, 4, 5, 6, 7, 8, 9)))
                    .containsExactly(1, 1, 6, 6);
        }

        /**
         * Two input and two output channels, 1x1 kernel, no padding, on [2, 1, 2]: ch0 = [1, 2], ch1 = [-1, 0].
         * o0: theta (0, -1), s (+1, +1): [1 + 0, 2 + 1] = [1, 3]
         * o1: theta (1, 0),  s (-1, +1): [-0 + 0, -1 + 0] = [0, -1]
         */
        @Test
        void floatChannelsAreSummed() {
            Conv2dGeometry g = new Conv2dGeometry(2, 2, 1, 1, 1, 1, 0, 0);
            ThresholdConv2d c = new ThresholdConv2d("c", g, 0, f32(g.kernelShape(), 0, -1, 1, 0),
                    i8(g.kernelShape(), 1, 1, -1, 1), f32(Shape.of(2), 0, 0));
            assertThat(ReferenceEvaluator.thresholdConv2d(c, Shape.of(2, 1, 2), new float[] {1, 2, -1, 0}))
                    .containsExactly(1f, 3f, 0f, -1f);
        }
    }

    @Nested
    class MultiplicationInjection {

        /** W [[1, -2], [0.5, 0]], x [3, 1], b [1, -4]: y = [1 + 3 - 2, -4 + 1.5] = [2, -2.5]; RELU -> [2, 0]. */
        @Test
        void floatDense() {
            Shape w = Shape.of(2, 2);
            Dense none = new Dense("d", 2, 2, 0, Activation.NONE, f32(w, 1, -2, 0.5f, 0), f32(Shape.of(2), 1, -4));
            Dense relu = new Dense("d", 2, 2, 0, Activation.RELU, f32(w, 1, -2, 0.5f, 0), f32(Shape.of(2), 1, -4));
            assertThat(ReferenceEvaluator.dense(none, new float[] {3, 1})).containsExactly(2f, -2.5f);
            assertThat(ReferenceEvaluator.dense(relu, new float[] {3, 1})).containsExactly(2f, 0f);
        }

        /**
         * n0: 127*127 - 128*127 = -127, k 0 -> -127 (RELU: 0).
         * n1: (-128)(-128) * 2 = 32768 (largest product twice), k -8: (32768 + 128) >> 8 = 128 -> 127.
         * n2: b -300, k -1: (-300 + 1) >> 1 = -150 -> -128 (RELU: 0).
         */
        @Test
        void int8DenseProductsSaturationAndRelu() {
            Shape w = Shape.of(1, 2);
            Dense n0 = new Dense("d", 2, 1, 0, Activation.NONE, i8(w, 127, -128), i32(Shape.of(1), 0));
            Dense n0r = new Dense("d", 2, 1, 0, Activation.RELU, i8(w, 127, -128), i32(Shape.of(1), 0));
            Dense n1 = new Dense("d", 2, 1, -8, Activation.NONE, i8(w, -128, -128), i32(Shape.of(1), 0));
            Dense n2 = new Dense("d", 2, 1, -1, Activation.NONE, i8(w, 0, 0), i32(Shape.of(1), -300));
            Dense n2r = new Dense("d", 2, 1, -1, Activation.RELU, i8(w, 0, 0), i32(Shape.of(1), -300));
            assertThat(ReferenceEvaluator.dense(n0, bytes(127, 127))).containsExactly(-127);
            assertThat(ReferenceEvaluator.dense(n0r, bytes(127, 127))).containsExactly(0);
            assertThat(ReferenceEvaluator.dense(n1, bytes(-128, -128))).containsExactly(127);
            assertThat(ReferenceEvaluator.dense(n2, bytes(5, 5))).containsExactly(-128);
            assertThat(ReferenceEvaluator.dense(n2r, bytes(5, 5))).containsExactly(0);
        }

        /**
         * 3x3 ones kernel, stride 1, padding 1 on 1..9: neighbourhood sums
         * [12, 21, 16, 27, 45, 33, 24, 39, 28]; k -2 -> float /4; int8 (s + 2) >> 2.
         */
        @Test
        void conv2dSamePadding() {
            Conv2dGeometry g = new Conv2dGeometry(1, 1, 3, 3, 1, 1, 1, 1);
            float[] ones = new float[9];
            Arrays.fill(ones, 1f);
            Conv2d f = new Conv2d("c", g, -2, Activation.NONE, F32Tensor.of(g.kernelShape(), ones), f32(Shape.of(1), 0));
            assertThat(ReferenceEvaluator.conv2d(f, Shape.of(1, 3, 3), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                    .containsExactly(3f, 5.25f, 4f, 6.75f, 11.25f, 8.25f, 6f, 9.75f, 7f);
            Conv2d q = new Conv2d("c", g, -2, Activation.NONE, i8(g.kernelShape(), 1, 1, 1, 1, 1, 1, 1, 1, 1),
                    i32(Shape.of(1), 0));
            assertThat(ReferenceEvaluator.conv2d(q, Shape.of(1, 3, 3), bytes(1, 2, 3, 4, 5, 6, 7, 8, 9)))
                    .containsExactly(3, 5, 4, 7, 11, 8, 6, 10, 7);
        }

        /**
         * Non-square: input [1, 3, 4] = 1..12, kernel 2x3, stride (2, 1), padding (1, 0) -> [1, 2, 2].
         * (p, q) reads rows 2p-1..2p, cols q..q+2: (0,0) pad + 1+2+3 = 6; (0,1) 2+3+4 = 9;
         * (1,0) 5+6+7+9+10+11 = 48; (1,1) 6+7+8+10+11+12 = 54. Bias 1, RELU: +1 each.
         */
        @Test
        void conv2dAsymmetricStrideAndPadding() {
            Conv2dGeometry g = new Conv2dGeometry(1, 1, 2, 3, 2, 1, 1, 0);
            assertThat(g.outputShape("c", Shape.of(1, 3, 4))).isEqualTo(Shape.of(1, 2, 2));
            float[] ones = new float[6];
            Arrays.fill(ones, 1f);
            Conv2d c = new Conv2d("c", g, 0, Activation.RELU, F32Tensor.of(g.kernelShape(), ones), f32(Shape.of(1), 1));
            float[] x = new float[12];
            for (int i = 0; i < 12; i++) {
                x[i] = i + 1;
            }
            assertThat(ReferenceEvaluator.conv2d(c, Shape.of(1, 3, 4), x)).containsExactly(7f, 10f, 49f, 55f);
        }
    }

    @Nested
    class WholeModels {

        /**
         * Conv2d 1x1 identity on 2 channels of [2, 1, 2] (ch0 = [1, 2], ch1 = [3, 4]), Flatten (CHW order:
         * 1, 2, 3, 4), Dense weights [1, 10, 100, 1000]: 1 + 20 + 300 + 4000 = 4321.
         */
        @Test
        void flattenIsRowMajorChw() {
            Conv2dGeometry g = new Conv2dGeometry(2, 2, 1, 1, 1, 1, 0, 0);
            Conv2d id = new Conv2d("id", g, 0, Activation.NONE, f32(g.kernelShape(), 1, 0, 0, 1), f32(Shape.of(2), 0, 0));
            Dense d = new Dense("d", 4, 1, 0, Activation.NONE, f32(Shape.of(1, 4), 1, 10, 100, 1000), f32(Shape.of(1), 0));
            Model m = model(Precision.FLOAT32, Shape.of(2, 1, 2), Shape.of(1), Quantization.NONE, Preprocessing.IDENTITY,
                    id, new Flatten("flat"), d);
            assertThat(ReferenceEvaluator.evaluateFloat(m, new float[] {1, 2, 3, 4})).containsExactly(4321f);
        }

        /**
         * Preprocessing x = raw * 0.5 - 1, input frac bits 2, identity Dense, output frac bits 3.
         * raw 3 -> 0.5 -> floor(2 + 0.5) = 2 -> 0.25; raw 2.5 -> 0.25 -> 1 -> 0.125;
         * raw -3 -> -2.5 -> floor(-10 + 0.5) = -10 -> -1.25; raw 1000 -> 127 -> 15.875; raw -1000 -> -128 -> -16.
         */
        @Test
        void inferQuantizesAndDequantizes() {
            int n = 5;
            int[] eye = new int[n * n];
            for (int i = 0; i < n; i++) {
                eye[i * n + i] = 1;
            }
            Dense id = new Dense("id", n, n, 0, Activation.NONE, i8(Shape.of(n, n), eye), I32Tensor.zeros(Shape.of(n)));
            Model m = model(Precision.INT8, Shape.of(n), Shape.of(n), new Quantization(2, 3), new Preprocessing(0.5f, -1f), id);
            assertThat(ReferenceEvaluator.infer(m, new float[] {3f, 2.5f, -3f, 1000f, -1000f}))
                    .containsExactly(0.25f, 0.125f, -1.25f, 15.875f, -16f);
        }

        /** Float model: preprocessing then the layers; x = raw / 2 = [1, 2], threshold 1.5 each, s +1: [0 + 0.5] = 0.5. */
        @Test
        void inferFloatAppliesPreprocessing() {
            ThresholdDense d = new ThresholdDense("d", 2, 1, 0, f32(Shape.of(1, 2), 1.5f, 1.5f), i8(Shape.of(1, 2), 1, 1),
                    f32(Shape.of(1), 0));
            Model m = model(Precision.FLOAT32, Shape.of(2), Shape.of(1), Quantization.NONE, new Preprocessing(0.5f, 0f), d);
            assertThat(ReferenceEvaluator.infer(m, new float[] {2f, 4f})).containsExactly(0.5f);
        }

        /**
         * Int8 chain where each layer's requantized, saturated output feeds the next:
         * ThresholdDense 2 -> 1 (theta -128, s +1, b 0, k -1) on [127, 127]: acc 510 -> 255 -> saturates 127;
         * Dense 1 -> 1 (w 2, b 1, k -2, RELU): 254 + 1 = 255 -> (255 + 2) >> 2 = 64.
         */
        @Test
        void int8ChainSaturatesBetweenLayers() {
            ThresholdDense t = new ThresholdDense("t", 2, 1, -1, i8(Shape.of(1, 2), -128, -128), i8(Shape.of(1, 2), 1, 1),
                    i32(Shape.of(1), 0));
            Dense d = new Dense("d", 1, 1, -2, Activation.RELU, i8(Shape.of(1, 1), 2), i32(Shape.of(1), 1));
            Model m = model(Precision.INT8, Shape.of(2), Shape.of(1), new Quantization(0, 0), Preprocessing.IDENTITY, t, d);
            assertThat(ReferenceEvaluator.evaluateInt8(m, bytes(127, 127))).containsExactly(64);
        }

        @Test
        void rejectsWrongInputLengthAndPrecision() {
            ThresholdDense d = new ThresholdDense("d", 2, 1, 0, f32(Shape.of(1, 2), 0, 0), i8(Shape.of(1, 2), 1, 1),
                    f32(Shape.of(1), 0));
            Model m = model(Precision.FLOAT32, Shape.of(2), Shape.of(1), Quantization.NONE, Preprocessing.IDENTITY, d);
            assertThatThrownBy(() -> ReferenceEvaluator.infer(m, new float[3])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ReferenceEvaluator.evaluateInt8(m, new byte[2])).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
