package io.tnet.model;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random but valid models covering every layer kind, for codec, repository and CLI tests. */
public final class TestModels {

    private TestModels() {
    }

    /** FLOAT32 ThresholdDense 6 -> 5 -> ThresholdDense 5 -> 3, with labels and preprocessing. */
    public static Model floatMlp(long seed) {
        Random r = new Random(seed);
        return new Model(Model.FORMAT_VERSION, "mlp", Precision.FLOAT32,
                new TensorSpec("input", ElementType.FP32, Shape.of(6)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(3)),
                List.of("a", "b", "c"), new Preprocessing(1f / 255, -0.5f), Quantization.NONE,
                List.of(thresholdDense(r, "fc1", 6, 5, -1, false), thresholdDense(r, "fc2", 5, 3, -2, false)),
                Map.of("source", "TestModels", "seed", Long.toString(seed)));
    }

    /** INT8 version of {@link #floatMlp} shape-wise. */
    public static Model int8Mlp(long seed) {
        Random r = new Random(seed);
        return new Model(Model.FORMAT_VERSION, "mlp8", Precision.INT8,
                new TensorSpec("input", ElementType.FP32, Shape.of(6)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(3)),
                List.of(), Preprocessing.IDENTITY, new Quantization(7, 4),
                List.of(thresholdDense(r, "fc1", 6, 5, -3, true), thresholdDense(r, "fc2", 5, 3, -4, true)),
                Map.of());
    }

    /**
     * Every layer kind: ThresholdConv2d (stride 2, padding 1) -> Conv2d (MI, RELU) -> Flatten ->
     * ThresholdDense -> Dense (MI). Input [1, 8, 8].
     */
    public static Model cnn(long seed, boolean int8) {
        Random r = new Random(seed);
        Conv2dGeometry g1 = new Conv2dGeometry(1, 4, 3, 3, 2, 2, 1, 1);   // -> [4, 4, 4]
        Conv2dGeometry g2 = new Conv2dGeometry(4, 2, 3, 3, 1, 1, 1, 1);   // -> [2, 4, 4]
        Layer conv1 = new ThresholdConv2d("conv1", g1, -2, param(r, g1.kernelShape(), int8),
                signs(r, g1.kernelShape()), bias(r, Shape.of(4), int8));
        Layer conv2 = new Conv2d("conv2", g2, -5, Activation.RELU, param(r, g2.kernelShape(), int8),
                bias(r, Shape.of(2), int8));
        Layer fc1 = thresholdDense(r, "fc1", 32, 8, -2, int8);
        Layer out = new Dense("out", 8, 4, -6, Activation.NONE, param(r, Shape.of(4, 8), int8), bias(r, Shape.of(4), int8));
        return new Model(Model.FORMAT_VERSION, int8 ? "cnn8" : "cnn", int8 ? Precision.INT8 : Precision.FLOAT32,
                new TensorSpec("image", ElementType.FP32, Shape.of(1, 8, 8)),
                new TensorSpec("scores", ElementType.FP32, Shape.of(4)),
                List.of("w", "x", "y", "z"), new Preprocessing(0.25f, 0f),
                int8 ? new Quantization(5, 3) : Quantization.NONE,
                List.of(conv1, conv2, new Flatten("flatten"), fc1, out), Map.of("note", "every layer kind"));
    }

    public static ThresholdDense thresholdDense(Random r, String name, int in, int out, int scaleExp, boolean int8) {
        Shape w = Shape.of(out, in);
        return new ThresholdDense(name, in, out, scaleExp, param(r, w, int8), signs(r, w), bias(r, Shape.of(out), int8));
    }

    static Tensor param(Random r, Shape s, boolean int8) {
        if (int8) {
            byte[] v = new byte[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (byte) (r.nextInt(256) - 128);
            }
            return I8Tensor.of(s, v);
        }
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return F32Tensor.of(s, v);
    }

    static Tensor signs(Random r, Shape s) {
        byte[] v = new byte[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (r.nextInt(3) - 1);
        }
        return I8Tensor.of(s, v);
    }

    static Tensor bias(Random r, Shape s, boolean int8) {
        if (int8) {
            int[] v = new int[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(2001) - 1000;
            }
            return I32Tensor.of(s, v);
        }
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return F32Tensor.of(s, v);
    }
}
