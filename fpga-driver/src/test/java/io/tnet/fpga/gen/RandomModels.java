package io.tnet.fpga.gen;

import io.tnet.model.ElementType;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdDense;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random INT8 threshold MLPs for equivalence tests. */
public final class RandomModels {

    private RandomModels() {
    }

    /**
     * An INT8 model with ThresholdDense layers of the given widths ({@code widths[0]} inputs), random
     * thresholds, signs (about a third zero), biases and shifts; shifts chosen so outputs are not all
     * saturated.
     */
    public static Model mlp(long seed, int... widths) {
        Random r = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l], out = widths[l + 1];
            byte[] theta = new byte[in * out];
            byte[] sign = new byte[in * out];
            int[] bias = new int[out];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = (byte) (r.nextInt(256) - 128);
                sign[i] = (byte) (r.nextInt(3) - 1);
            }
            for (int j = 0; j < out; j++) {
                bias[j] = r.nextInt(4001) - 2000;
            }
            // typical |sum| grows like 128*sqrt(in); pick the shift so it lands near the int8 range,
            // sometimes a positive or zero exponent to exercise left shifts and saturation
            int k = -(int) Math.round(Math.log(128 * Math.sqrt(in) / 64.0) / Math.log(2));
            if (r.nextInt(8) == 0) {
                k = r.nextInt(3);
            }
            layers.add(new ThresholdDense("fc" + l, in, out, k, I8Tensor.of(Shape.of(out, in), theta),
                    I8Tensor.of(Shape.of(out, in), sign), I32Tensor.of(Shape.of(out), bias)));
        }
        return new Model(Model.FORMAT_VERSION, "random" + seed, Precision.INT8,
                new TensorSpec("input", ElementType.FP32, Shape.of(widths[0])),
                new TensorSpec("logits", ElementType.FP32, Shape.of(widths[widths.length - 1])), List.of(),
                Preprocessing.IDENTITY, new Quantization(7, 4), layers, Map.of());
    }

    /** {@code n} random int8 samples of {@code width} values, row-major. */
    public static byte[] inputs(long seed, int n, int width) {
        Random r = new Random(seed);
        byte[] q = new byte[n * width];
        r.nextBytes(q);
        return q;
    }
}
