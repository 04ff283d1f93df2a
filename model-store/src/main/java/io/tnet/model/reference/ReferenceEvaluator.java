package io.tnet.model.reference;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Dense;
import io.tnet.model.F32Tensor;
import io.tnet.model.Flatten;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;

/**
 * The specification of a threshold network's output, one sample at a time.
 *
 * <p>Float mode: per-synapse terms in float, sums in double, the power-of-two scale exact; results
 * rounded to float per layer. Int8 mode: exact integer arithmetic ({@link IntegerOps}); since
 * {@link Model} guarantees every accumulator fits int32, the order of summation does not matter.
 *
 * <p>Stateless and thread-safe. Deliberately unoptimized: clarity is the point.
 */
public final class ReferenceEvaluator {

    private ReferenceEvaluator() {
    }

    /**
     * Full inference on one raw client sample: preprocessing, then float evaluation, or quantization,
     * int8 evaluation and dequantization. Returns the logits.
     */
    public static float[] infer(Model model, float[] raw) {
        requireLength(model.input().shape(), raw.length);
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = model.preprocessing().apply(raw[i]);
        }
        if (model.precision() == Precision.FLOAT32) {
            return evaluateFloat(model, x);
        }
        byte[] q = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            q[i] = IntegerOps.quantize(x[i], model.quantization().inputFracBits());
        }
        byte[] out = evaluateInt8(model, q);
        float[] y = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            y[i] = IntegerOps.dequantize(out[i], model.quantization().outputFracBits());
        }
        return y;
    }

    /** Float evaluation of a FLOAT32 model on one preprocessed sample (flattened CHW). */
    public static float[] evaluateFloat(Model model, float[] input) {
        requirePrecision(model, Precision.FLOAT32);
        requireLength(model.input().shape(), input.length);
        float[] x = input;
        Shape shape = model.input().shape();
        for (Layer layer : model.layers()) {
            x = switch (layer) {
                case ThresholdDense d -> thresholdDense(d, x);
                case ThresholdConv2d c -> thresholdConv2d(c, shape, x);
                case Dense d -> dense(d, x);
                case Conv2d c -> conv2d(c, shape, x);
                case Flatten ignored -> x;
            };
            shape = layer.outputShape(shape);
        }
        return x;
    }

    /** Int8 evaluation of an INT8 model on one quantized sample; returns the output codes. */
    public static byte[] evaluateInt8(Model model, byte[] input) {
        requirePrecision(model, Precision.INT8);
        requireLength(model.input().shape(), input.length);
        byte[] x = input;
        Shape shape = model.input().shape();
        for (Layer layer : model.layers()) {
            x = switch (layer) {
                case ThresholdDense d -> thresholdDense(d, x);
                case ThresholdConv2d c -> thresholdConv2d(c, shape, x);
                case Dense d -> dense(d, x);
                case Conv2d c -> conv2d(c, shape, x);
                case Flatten ignored -> x;
            };
            shape = layer.outputShape(shape);
        }
        return x;
    }

    // ---- float layers ---------------------------------------------------------------------------

    public static float[] thresholdDense(ThresholdDense layer, float[] x) {
        F32Tensor theta = (F32Tensor) layer.thresholds();
        I8Tensor sign = (I8Tensor) layer.signs();
        F32Tensor bias = (F32Tensor) layer.bias();
        float[] y = new float[layer.outputs()];
        for (int j = 0; j < layer.outputs(); j++) {
            double acc = bias.get(j);
            for (int i = 0; i < layer.inputs(); i++) {
                int w = j * layer.inputs() + i;
                acc += sign.get(w) * Math.max(x[i] - theta.get(w), 0f);
            }
            y[j] = (float) Math.scalb(acc, layer.scaleExp());
        }
        return y;
    }

    public static float[] dense(Dense layer, float[] x) {
        F32Tensor weight = (F32Tensor) layer.weights();
        F32Tensor bias = (F32Tensor) layer.bias();
        float[] y = new float[layer.outputs()];
        for (int j = 0; j < layer.outputs(); j++) {
            double acc = bias.get(j);
            for (int i = 0; i < layer.inputs(); i++) {
                acc += (double) weight.get(j * layer.inputs() + i) * x[i];
            }
            y[j] = activate(layer.activation(), (float) Math.scalb(acc, layer.scaleExp()));
        }
        return y;
    }

    public static float[] thresholdConv2d(ThresholdConv2d layer, Shape in, float[] x) {
        Conv2dGeometry g = layer.geometry();
        F32Tensor theta = (F32Tensor) layer.thresholds();
        I8Tensor sign = (I8Tensor) layer.signs();
        F32Tensor bias = (F32Tensor) layer.bias();
        Shape out = g.outputShape(layer.name(), in);
        float[] y = new float[out.size()];
        int inH = in.dim(1), inW = in.dim(2), outH = out.dim(1), outW = out.dim(2);
        for (int o = 0; o < g.outChannels(); o++) {
            for (int p = 0; p < outH; p++) {
                for (int q = 0; q < outW; q++) {
                    double acc = bias.get(o);
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int u = 0; u < g.kernelH(); u++) {
                            for (int v = 0; v < g.kernelW(); v++) {
                                float xv = padded(x, c, p * g.strideH() + u - g.padH(), q * g.strideW() + v - g.padW(), inH, inW);
                                int w = ((o * g.inChannels() + c) * g.kernelH() + u) * g.kernelW() + v;
                                acc += sign.get(w) * Math.max(xv - theta.get(w), 0f);
                            }
                        }
                    }
                    y[(o * outH + p) * outW + q] = (float) Math.scalb(acc, layer.scaleExp());
                }
            }
        }
        return y;
    }

    public static float[] conv2d(Conv2d layer, Shape in, float[] x) {
        Conv2dGeometry g = layer.geometry();
        F32Tensor weight = (F32Tensor) layer.weights();
        F32Tensor bias = (F32Tensor) layer.bias();
        Shape out = g.outputShape(layer.name(), in);
        float[] y = new float[out.size()];
        int inH = in.dim(1), inW = in.dim(2), outH = out.dim(1), outW = out.dim(2);
        for (int o = 0; o < g.outChannels(); o++) {
            for (int p = 0; p < outH; p++) {
                for (int q = 0; q < outW; q++) {
                    double acc = bias.get(o);
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int u = 0; u < g.kernelH(); u++) {
                            for (int v = 0; v < g.kernelW(); v++) {
                                float xv = padded(x, c, p * g.strideH() + u - g.padH(), q * g.strideW() + v - g.padW(), inH, inW);
                                int w = ((o * g.inChannels() + c) * g.kernelH() + u) * g.kernelW() + v;
                                acc += (double) weight.get(w) * xv;
                            }
                        }
                    }
                    y[(o * outH + p) * outW + q] = activate(layer.activation(), (float) Math.scalb(acc, layer.scaleExp()));
                }
            }
        }
        return y;
    }

    // ---- int8 layers ----------------------------------------------------------------------------

    public static byte[] thresholdDense(ThresholdDense layer, byte[] x) {
        I8Tensor theta = (I8Tensor) layer.thresholds();
        I8Tensor sign = (I8Tensor) layer.signs();
        I32Tensor bias = (I32Tensor) layer.bias();
        byte[] y = new byte[layer.outputs()];
        for (int j = 0; j < layer.outputs(); j++) {
            long acc = bias.get(j);
            for (int i = 0; i < layer.inputs(); i++) {
                int w = j * layer.inputs() + i;
                acc += IntegerOps.thresholdTerm(x[i], theta.get(w), sign.get(w));
            }
            y[j] = IntegerOps.requantize(acc, layer.scaleExp());
        }
        return y;
    }

    public static byte[] dense(Dense layer, byte[] x) {
        I8Tensor weight = (I8Tensor) layer.weights();
        I32Tensor bias = (I32Tensor) layer.bias();
        byte[] y = new byte[layer.outputs()];
        for (int j = 0; j < layer.outputs(); j++) {
            long acc = bias.get(j);
            for (int i = 0; i < layer.inputs(); i++) {
                acc += weight.get(j * layer.inputs() + i) * x[i];
            }
            y[j] = activate(layer.activation(), IntegerOps.requantize(acc, layer.scaleExp()));
        }
        return y;
    }

    public static byte[] thresholdConv2d(ThresholdConv2d layer, Shape in, byte[] x) {
        Conv2dGeometry g = layer.geometry();
        I8Tensor theta = (I8Tensor) layer.thresholds();
        I8Tensor sign = (I8Tensor) layer.signs();
        I32Tensor bias = (I32Tensor) layer.bias();
        Shape out = g.outputShape(layer.name(), in);
        byte[] y = new byte[out.size()];
        int inH = in.dim(1), inW = in.dim(2), outH = out.dim(1), outW = out.dim(2);
        for (int o = 0; o < g.outChannels(); o++) {
            for (int p = 0; p < outH; p++) {
                for (int q = 0; q < outW; q++) {
                    long acc = bias.get(o);
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int u = 0; u < g.kernelH(); u++) {
                            for (int v = 0; v < g.kernelW(); v++) {
                                byte xv = padded(x, c, p * g.strideH() + u - g.padH(), q * g.strideW() + v - g.padW(), inH, inW);
                                int w = ((o * g.inChannels() + c) * g.kernelH() + u) * g.kernelW() + v;
                                acc += IntegerOps.thresholdTerm(xv, theta.get(w), sign.get(w));
                            }
                        }
                    }
                    y[(o * outH + p) * outW + q] = IntegerOps.requantize(acc, layer.scaleExp());
                }
            }
        }
        return y;
    }

    public static byte[] conv2d(Conv2d layer, Shape in, byte[] x) {
        Conv2dGeometry g = layer.geometry();
        I8Tensor weight = (I8Tensor) layer.weights();
        I32Tensor bias = (I32Tensor) layer.bias();
        Shape out = g.outputShape(layer.name(), in);
        byte[] y = new byte[out.size()];
        int inH = in.dim(1), inW = in.dim(2), outH = out.dim(1), outW = out.dim(2);
        for (int o = 0; o < g.outChannels(); o++) {
            for (int p = 0; p < outH; p++) {
                for (int q = 0; q < outW; q++) {
                    long acc = bias.get(o);
                    for (int c = 0; c < g.inChannels(); c++) {
                        for (int u = 0; u < g.kernelH(); u++) {
                            for (int v = 0; v < g.kernelW(); v++) {
                                byte xv = padded(x, c, p * g.strideH() + u - g.padH(), q * g.strideW() + v - g.padW(), inH, inW);
                                int w = ((o * g.inChannels() + c) * g.kernelH() + u) * g.kernelW() + v;
                                acc += weight.get(w) * xv;
                            }
                        }
                    }
                    y[(o * outH + p) * outW + q] = activate(layer.activation(), IntegerOps.requantize(acc, layer.scaleExp()));
                }
            }
        }
        return y;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static float padded(float[] x, int c, int row, int col, int h, int w) {
        return row < 0 || row >= h || col < 0 || col >= w ? 0f : x[(c * h + row) * w + col];
    }

    private static byte padded(byte[] x, int c, int row, int col, int h, int w) {
        return row < 0 || row >= h || col < 0 || col >= w ? 0 : x[(c * h + row) * w + col];
    }

    private static float activate(Activation a, float v) {
        return a == Activation.RELU ? Math.max(v, 0f) : v;
    }

    private static byte activate(Activation a, byte v) {
        return a == Activation.RELU ? (byte) Math.max(v, 0) : v;
    }

    private static void requirePrecision(Model model, Precision p) {
        if (model.precision() != p) {
            throw new IllegalArgumentException("model '" + model.name() + "' is " + model.precision() + ", not " + p);
        }
    }

    private static void requireLength(Shape shape, int length) {
        if (shape.size() != length) {
            throw new IllegalArgumentException("input has " + length + " values, the model expects " + shape.size()
                    + " (shape " + shape + ")");
        }
    }
}
