package io.tnet.kernel;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Dense;
import io.tnet.model.ElementType;
import io.tnet.model.F32Tensor;
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
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random networks of random shapes, built with the record constructors (so Model validates them). */
final class RandomModels {

    private RandomModels() {
    }

    /**
     * A random network: optionally a CHW input with one or two convolutions and a Flatten, then one to
     * three dense layers; every layer threshold or MI at random, widths not multiples of the lane count.
     */
    static Model network(Random rnd, Precision precision, int maxWidth) {
        List<Layer> layers = new ArrayList<>();
        Shape input;
        Shape shape;
        if (rnd.nextInt(3) == 0) {
            input = Shape.of(1 + rnd.nextInt(3), 3 + rnd.nextInt(10), 3 + rnd.nextInt(10));
            shape = input;
            int convs = 1 + rnd.nextInt(2);
            for (int k = 0; k < convs; k++) {
                int kh = 1 + rnd.nextInt(Math.min(3, shape.dim(1)));
                int kw = 1 + rnd.nextInt(Math.min(3, shape.dim(2)));
                Conv2dGeometry g = new Conv2dGeometry(shape.dim(0), 1 + rnd.nextInt(20), kh, kw,
                        1 + rnd.nextInt(2), 1 + rnd.nextInt(2), rnd.nextInt(kh), rnd.nextInt(kw));
                Layer l = rnd.nextBoolean() ? thresholdConv(rnd, "c" + k, g, precision) : conv(rnd, "c" + k, g, precision);
                layers.add(l);
                shape = l.outputShape(shape);
            }
            layers.add(new Flatten("flat"));
            shape = Shape.of(shape.size());
        } else {
            input = Shape.of(1 + rnd.nextInt(maxWidth));
            shape = input;
        }
        int dense = 1 + rnd.nextInt(3);
        for (int k = 0; k < dense; k++) {
            int out = rnd.nextInt(4) == 0 ? 1 : 1 + rnd.nextInt(maxWidth);
            Layer l = rnd.nextInt(3) > 0 ? thresholdDense(rnd, "d" + k, shape.size(), out, precision)
                    : dense(rnd, "d" + k, shape.size(), out, precision);
            layers.add(l);
            shape = l.outputShape(shape);
        }
        return model(precision, input, shape, layers, rnd);
    }

    static Model model(Precision precision, Shape input, Shape output, List<Layer> layers, Random rnd) {
        Quantization q = precision == Precision.INT8 ? new Quantization(rnd.nextInt(7), rnd.nextInt(7)) : Quantization.NONE;
        return new Model(Model.FORMAT_VERSION, "random", precision, new TensorSpec("input", ElementType.FP32, input),
                new TensorSpec("output", ElementType.FP32, output), List.of(), Preprocessing.IDENTITY, q, layers, Map.of());
    }

    static ThresholdDense thresholdDense(Random rnd, String name, int in, int out, Precision p) {
        Shape w = Shape.of(out, in);
        return new ThresholdDense(name, in, out, scaleExp(rnd, p), thresholds(rnd, w, p), signs(rnd, w),
                bias(rnd, out, p, in));
    }

    static Dense dense(Random rnd, String name, int in, int out, Precision p) {
        return new Dense(name, in, out, scaleExp(rnd, p) - (p == Precision.INT8 ? 3 : 0), activation(rnd),
                weights(rnd, Shape.of(out, in), p), bias(rnd, out, p, in));
    }

    static ThresholdConv2d thresholdConv(Random rnd, String name, Conv2dGeometry g, Precision p) {
        return new ThresholdConv2d(name, g, scaleExp(rnd, p), thresholds(rnd, g.kernelShape(), p),
                signs(rnd, g.kernelShape()), bias(rnd, g.outChannels(), p, g.fanIn()));
    }

    static Conv2d conv(Random rnd, String name, Conv2dGeometry g, Precision p) {
        return new Conv2d(name, g, scaleExp(rnd, p) - (p == Precision.INT8 ? 3 : 0), activation(rnd),
                weights(rnd, g.kernelShape(), p), bias(rnd, g.outChannels(), p, g.fanIn()));
    }

    private static Activation activation(Random rnd) {
        return rnd.nextBoolean() ? Activation.RELU : Activation.NONE;
    }

    /** Int8: shifts from -9 (outputs mostly in range) to +1 (mostly saturated); float: small shrink. */
    private static int scaleExp(Random rnd, Precision p) {
        return p == Precision.INT8 ? -9 + rnd.nextInt(11) : -2 - rnd.nextInt(3);
    }

    static I8Tensor signs(Random rnd, Shape shape) {
        byte[] s = new byte[shape.size()];
        int mode = rnd.nextInt(6);
        for (int i = 0; i < s.length; i++) {
            s[i] = switch (mode) {
                case 0 -> 0;                        // all synapses absent
                case 1 -> 1;                        // all excitatory
                case 2 -> -1;                       // all inhibitory
                default -> (byte) (rnd.nextInt(3) - 1);
            };
        }
        return I8Tensor.of(shape, s);
    }

    static io.tnet.model.Tensor thresholds(Random rnd, Shape shape, Precision p) {
        if (p == Precision.INT8) {
            byte[] t = new byte[shape.size()];
            rnd.nextBytes(t);
            return I8Tensor.of(shape, t);
        }
        float[] t = new float[shape.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) rnd.nextGaussian();
        }
        return F32Tensor.of(shape, t);
    }

    static io.tnet.model.Tensor weights(Random rnd, Shape shape, Precision p) {
        return thresholds(rnd, shape, p);
    }

    static io.tnet.model.Tensor bias(Random rnd, int n, Precision p, int fanIn) {
        if (p == Precision.INT8) {
            int[] b = new int[n];
            int range = 1 + 64 * fanIn;
            for (int i = 0; i < n; i++) {
                b[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(2 * range) - range;
            }
            return I32Tensor.of(Shape.of(n), b);
        }
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        return F32Tensor.of(Shape.of(n), b);
    }

    static byte[] int8Inputs(Random rnd, int size) {
        byte[] q = new byte[size];
        int mode = rnd.nextInt(4);
        for (int i = 0; i < size; i++) {
            q[i] = switch (mode) {
                case 0 -> (byte) (rnd.nextBoolean() ? 127 : -128); // extremes
                default -> (byte) rnd.nextInt(256);
            };
        }
        return q;
    }

    static float[] floatInputs(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextGaussian() * 2);
        }
        return x;
    }
}
