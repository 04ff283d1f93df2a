package io.tnet.model.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tnet.model.ElementType;
import io.tnet.model.F32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdDense;
import io.tnet.model.data.Dataset;
import io.tnet.model.format.ModelReader;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.model.train.Network;
import io.tnet.model.train.TrainConfig;
import io.tnet.model.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Post-training quantization keeps the float model's decisions and folds every scale into shifts. */
class QuantizerTest {

    /** Seeded 3-class problem in [0, 1]^24 (prototype + noise). */
    static Dataset problem(int n, long seed) {
        SplittableRandom pr = new SplittableRandom(99);
        float[][] proto = new float[3][24];
        for (float[] p : proto) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) pr.nextDouble();
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 24];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = r.nextInt(3);
            for (int i = 0; i < 24; i++) {
                x[k * 24 + i] = (float) Math.max(0, Math.min(1, proto[y[k]][i] + r.nextDouble(-0.5, 0.5)));
            }
        }
        return new Dataset("problem", Shape.of(24), x, y, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tdense(12),tdense(3)", "dense(12,relu),dense(3)", "dense(12,relu),tdense(8),tdense(3)"})
    void quantizedModelAgreesWithFloatOnAtLeast99PercentOfTheCalibrationSet(String arch) {
        Dataset calib = problem(800, 1);
        Network net = Network.create(Shape.of(24), arch, 3);
        try (Trainer t = new Trainer(net, TrainConfig.defaults(5, 3).withBatchSize(32).withLearningRates(1e-2f, 1e-2f, 1e-2f))) {
            t.fit(calib.features(), calib.labels(), calib.size(), null, null, 0, s -> { });
        }
        Model f = net.toModel("q", "input", Preprocessing.IDENTITY, List.of(), Map.of());
        Model q = Quantizer.quantize(f, calib.features(), calib.size());
        assertThat(q.precision()).isEqualTo(Precision.INT8);
        int agree = 0;
        for (int i = 0; i < calib.size(); i++) {
            agree += argmax(ReferenceEvaluator.infer(f, calib.sample(i))) == argmax(ReferenceEvaluator.infer(q, calib.sample(i))) ? 1 : 0;
        }
        assertThat((double) agree / calib.size()).as(arch).isGreaterThanOrEqualTo(0.99);
        // And the result is a valid file.
        assertThat(ModelReader.read(ModelWriter.toBytes(q))).isEqualTo(q);
    }

    @Test
    void thresholdsBelowTheInt8RangeMoveTheirConstantIntoTheBias() {
        // One neuron, two inputs in [0, 1): theta = -3 lies far below -128 * 2^-7 = -1.
        Model f = new Model(Model.FORMAT_VERSION, "t", Precision.FLOAT32,
                new TensorSpec("input", ElementType.FP32, Shape.of(2)), new TensorSpec("logits", ElementType.FP32, Shape.of(2)),
                List.of(), Preprocessing.IDENTITY, Quantization.NONE,
                List.of(new ThresholdDense("td", 2, 2, -3, F32Tensor.of(Shape.of(2, 2), -3f, 0.25f, 0.5f, 5f),
                        I8Tensor.of(Shape.of(2, 2), (byte) 1, (byte) -1, (byte) 1, (byte) 1), F32Tensor.of(Shape.of(2), 0.5f, 0f))),
                Map.of());
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        float[] x = new float[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(0, 0.99);
        }
        Model q = Quantizer.quantize(f, x, n);
        ThresholdDense td = (ThresholdDense) q.layers().getFirst();
        assertThat(((I8Tensor) td.thresholds()).get(0)).isEqualTo((byte) -128);
        assertThat(((I8Tensor) td.thresholds()).get(3)).isEqualTo((byte) 127);
        double lsb = Math.scalb(1.0, -q.quantization().outputFracBits());
        for (int i = 0; i < n; i++) {
            float[] s = {x[2 * i], x[2 * i + 1]};
            float[] yf = ReferenceEvaluator.infer(f, s);
            float[] yq = ReferenceEvaluator.infer(q, s);
            for (int j = 0; j < 2; j++) {
                // Error budget: input rounding (1/2 LSB of 2^-7 per synapse) and output rounding.
                assertThat((double) yq[j]).isCloseTo(yf[j], within(lsb + 2 * Math.scalb(1.0, -8) * Math.scalb(1.0, -3) + 1e-6));
            }
        }
    }

    @Test
    void fractionBitsPutTheCalibrationMaximumJustInsideTheRange() {
        assertThat(Quantizer.fracBitsFor(1.0)).isEqualTo(7);
        assertThat(Quantizer.fracBitsFor(0.99)).isEqualTo(7);
        assertThat(Quantizer.fracBitsFor(1.01)).isEqualTo(6);
        assertThat(Quantizer.fracBitsFor(16)).isEqualTo(3);
        assertThat(Quantizer.fracBitsFor(200)).isEqualTo(-1);
    }

    private static int argmax(float[] z) {
        int b = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[b]) {
                b = j;
            }
        }
        return b;
    }
}
