package io.tnet.fpga;

import io.tnet.model.ElementType;
import io.tnet.model.Flatten;
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

/** Random INT8 threshold MLPs and inputs for the equivalence tests of the transports. */
final class TestNetworks {

    private TestNetworks() {
    }

    /**
     * ThresholdDense layers of the given widths with random thresholds, signs (a third absent), biases
     * and shifts chosen so outputs spread over the int8 range (sometimes saturating, sometimes a left
     * shift). A leading Flatten when {@code flatten} is set, to show it costs nothing.
     */
    static Model mlp(long seed, int... widths) {
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
                bias[j] = r.nextInt(2001) - 1000;
            }
            int k = -(int) Math.round(Math.log(128 * Math.sqrt(in) / 64.0) / Math.log(2));
            if (r.nextInt(6) == 0) {
                k = r.nextInt(2);
            }
            layers.add(new ThresholdDense("fc" + l, in, out, k, I8Tensor.of(Shape.of(out, in), theta),
                    I8Tensor.of(Shape.of(out, in), sign), I32Tensor.of(Shape.of(out), bias)));
        }
        return new Model(Model.FORMAT_VERSION, "random" + seed, Precision.INT8,
                new TensorSpec("input", ElementType.FP32, Shape.of(widths[0])),
                new TensorSpec("logits", ElementType.FP32, Shape.of(widths[widths.length - 1])), List.of(),
                Preprocessing.IDENTITY, new Quantization(7, 4), layers, Map.of());
    }

    /** Same as {@link #mlp} with a Flatten layer in front of a [1, h, w] input. */
    static Model mlpWithFlatten(long seed, int h, int w, int... rest) {
        Model m = mlp(seed, prepend(h * w, rest));
        List<Layer> layers = new ArrayList<>(m.layers());
        layers.addFirst(new Flatten("flatten"));
        return new Model(m.formatVersion(), m.name(), m.precision(),
                new TensorSpec("input", ElementType.FP32, Shape.of(1, h, w)), m.output(), m.labels(),
                m.preprocessing(), m.quantization(), layers, m.metadata());
    }

    /** {@code n} random int8 samples of {@code width} values, row-major. */
    static byte[] samples(long seed, int n, int width) {
        byte[] b = new byte[n * width];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
