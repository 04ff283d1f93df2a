package io.tnet.model.quant;

import io.tnet.model.Conv2d;
import io.tnet.model.Dense;
import io.tnet.model.F32Tensor;
import io.tnet.model.Flatten;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import io.tnet.model.ElementType;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training quantization of a FLOAT32 model to INT8 with power-of-two scales only.
 *
 * <p>Every activation tensor (model input, each layer's output) gets a fixed-point format with
 * {@code f} fraction bits, {@code f = floor(log2(128 / max|a|))} over the calibration set, so the largest
 * calibration value lands within one step of the int8 limit. Then, with {@code fi}/{@code fo} the formats of
 * a layer's input and output and {@code k} its float scale exponent:
 * <ul>
 *   <li>threshold layers: {@code theta_q = round(theta * 2^fi)}, {@code b_q = round(b * 2^fi)}, integer shift
 *       {@code k + fo - fi}. A threshold below the int8 range is clamped to -128 and the constant it loses
 *       ({@code s * (-128 - theta_q)}, exact because every int8 input is at least -128) moves into the
 *       bias; one above it is clamped to 127 without error (no int8 input exceeds it);</li>
 *   <li>MI layers: weights get their own format {@code fw = floor(log2(127 / max|w|))},
 *       {@code b_q = round(b * 2^(fw + fi))}, integer shift {@code k + fo - fw - fi}.</li>
 * </ul>
 * The output format of the last layer is the model's {@code outputFracBits}. Stateless.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /** Quantizes {@code model} using {@code n} preprocessed calibration samples {@code x}. */
    public static Model quantize(Model model, float[] x, int n) {
        if (model.precision() != Precision.FLOAT32) {
            throw new IllegalArgumentException("model '" + model.name() + "' is already " + model.precision());
        }
        List<float[]> acts = activations(model, x, n);
        int[] frac = new int[acts.size()];
        for (int i = 0; i < acts.size(); i++) {
            frac[i] = i == 0 ? fracBitsFor(maxAbs(acts.get(i))) : bestFracBits(acts.get(i));
        }
        // Flatten passes codes through unchanged, so its output keeps its input's format.
        for (int l = 0; l < model.layers().size(); l++) {
            if (model.layers().get(l) instanceof Flatten) {
                frac[l + 1] = frac[l];
            }
        }
        return build(model, frac);
    }

    /** The integer model for given activation formats ({@code frac[0]} input, {@code frac[l+1]} layer l's output). */
    static Model build(Model model, int[] frac) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < model.layers().size(); l++) {
            layers.add(quantizeLayer(model.layers().get(l), frac[l], frac[l + 1]));
        }
        Map<String, String> meta = new HashMap<>(model.metadata());
        meta.put("quantization", "post-training, power-of-two formats from calibration maxima");
        TensorSpec out = model.output();
        return new Model(Model.FORMAT_VERSION, model.name(), Precision.INT8, model.input(),
                new TensorSpec(out.name(), ElementType.FP32, out.shape()), model.labels(), model.preprocessing(),
                new Quantization(frac[0], frac[frac.length - 1]), layers, meta);
    }

    static Layer quantizeLayer(Layer layer, int fi, int fo) {
        return switch (layer) {
            case ThresholdDense d -> {
                QuantThresholds q = thresholds((F32Tensor) d.thresholds(), (I8Tensor) d.signs(), (F32Tensor) d.bias(),
                        d.inputs(), fi);
                yield new ThresholdDense(d.name(), d.inputs(), d.outputs(), shift(d.scaleExp() + fo - fi),
                        I8Tensor.of(d.thresholds().shape(), q.thresholds), d.signs(), I32Tensor.of(d.bias().shape(), q.bias));
            }
            case ThresholdConv2d c -> {
                QuantThresholds q = thresholds((F32Tensor) c.thresholds(), (I8Tensor) c.signs(), (F32Tensor) c.bias(),
                        c.geometry().fanIn(), fi);
                yield new ThresholdConv2d(c.name(), c.geometry(), shift(c.scaleExp() + fo - fi),
                        I8Tensor.of(c.thresholds().shape(), q.thresholds), c.signs(), I32Tensor.of(c.bias().shape(), q.bias));
            }
            case Dense d -> {
                int fw = weightFracBits((F32Tensor) d.weights());
                yield new Dense(d.name(), d.inputs(), d.outputs(), shift(d.scaleExp() + fo - fw - fi), d.activation(),
                        I8Tensor.of(d.weights().shape(), weights((F32Tensor) d.weights(), fw)),
                        I32Tensor.of(d.bias().shape(), bias((F32Tensor) d.bias(), fw + fi)));
            }
            case Conv2d c -> {
                int fw = weightFracBits((F32Tensor) c.weights());
                yield new Conv2d(c.name(), c.geometry(), shift(c.scaleExp() + fo - fw - fi), c.activation(),
                        I8Tensor.of(c.weights().shape(), weights((F32Tensor) c.weights(), fw)),
                        I32Tensor.of(c.bias().shape(), bias((F32Tensor) c.bias(), fw + fi)));
            }
            case Flatten f -> f;
        };
    }

    private record QuantThresholds(byte[] thresholds, int[] bias) {
    }

    private static QuantThresholds thresholds(F32Tensor th, I8Tensor signs, F32Tensor bias, int fanIn, int fi) {
        byte[] q = new byte[th.size()];
        double[] b = new double[bias.size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = Math.scalb((double) bias.get(j), fi);
        }
        for (int w = 0; w < q.length; w++) {
            double t = Math.scalb((double) th.get(w), fi);
            long r = Math.round(t);
            if (r < -128) {
                // relu(x - t) = (x + 128) + (-128 - t) for every int8 x: keep the constant in the bias.
                b[w / fanIn] += signs.get(w) * (-128 - t);
                r = -128;
            } else if (r > 127) {
                r = 127;
            }
            q[w] = (byte) r;
        }
        int[] bq = new int[b.length];
        for (int j = 0; j < b.length; j++) {
            bq[j] = toInt(b[j]);
        }
        return new QuantThresholds(q, bq);
    }

    private static int weightFracBits(F32Tensor w) {
        return bestFracBits(w.toArray());
    }

    /**
     * The format with the least squared rounding-plus-saturation error over {@code values}: from the one
     * that holds the maximum ({@link #fracBitsFor}) up to three more fraction bits, which trade clipping of
     * rare outliers for finer steps everywhere else.
     */
    static int bestFracBits(float[] values) {
        int f0 = fracBitsFor(maxAbs(values));
        int best = f0;
        double bestErr = Double.MAX_VALUE;
        for (int f = f0; f <= Math.min(16, f0 + 3); f++) {
            double err = 0;
            for (float v : values) {
                double scaled = Math.scalb((double) v, f);
                double q = Math.max(-128, Math.min(127, Math.floor(scaled + 0.5)));
                double d = q - scaled;
                err += d * d * Math.scalb(1.0, -2 * f);
            }
            if (err < bestErr) {
                bestErr = err;
                best = f;
            }
        }
        return best;
    }

    private static byte[] weights(F32Tensor w, int fw) {
        byte[] q = new byte[w.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) Math.max(-128, Math.min(127, Math.round(Math.scalb((double) w.get(i), fw))));
        }
        return q;
    }

    private static int[] bias(F32Tensor b, int f) {
        int[] q = new int[b.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = toInt(Math.scalb((double) b.get(i), f));
        }
        return q;
    }

    private static int toInt(double v) {
        // Biases beyond +-2^30 would leave no room in the accumulator; the Model check rejects them anyway.
        return (int) Math.max(-(1L << 30), Math.min(1L << 30, Math.round(v)));
    }

    private static int shift(int e) {
        return Math.max(-31, Math.min(31, e));
    }

    /** Fraction bits putting {@code max} just inside the int8 range (largest f with max * 2^f <= 128). */
    static int fracBitsFor(double max) {
        if (!(max > 0)) {
            return 0;
        }
        return clampFrac((int) Math.floor(Math.log(128 / max) / Math.log(2) + 1e-9));
    }

    private static int clampFrac(int f) {
        return Math.max(-16, Math.min(16, f));
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Float activations of every layer on the calibration set: index 0 the input, l+1 layer l's output. */
    static List<float[]> activations(Model model, float[] x, int n) {
        List<float[]> acts = new ArrayList<>();
        acts.add(x);
        Shape shape = model.input().shape();
        int d = shape.size();
        List<float[]> outs = new ArrayList<>();
        for (Layer l : model.layers()) {
            shape = l.outputShape(shape);
            outs.add(new float[n * shape.size()]);
        }
        // The reference evaluator is the specification; calibration sets are small, so its speed is enough.
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            float[] cur = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
            Shape s = model.input().shape();
            for (int l = 0; l < model.layers().size(); l++) {
                Layer layer = model.layers().get(l);
                cur = switch (layer) {
                    case ThresholdDense td -> ReferenceEvaluator.thresholdDense(td, cur);
                    case ThresholdConv2d tc -> ReferenceEvaluator.thresholdConv2d(tc, s, cur);
                    case Dense dd -> ReferenceEvaluator.dense(dd, cur);
                    case Conv2d cc -> ReferenceEvaluator.conv2d(cc, s, cur);
                    case Flatten ignored -> cur;
                };
                s = layer.outputShape(s);
                System.arraycopy(cur, 0, outs.get(l), i * cur.length, cur.length);
            }
        });
        acts.addAll(outs);
        return acts;
    }
}
