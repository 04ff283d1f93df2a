package io.tnet.service.support;

import io.tnet.model.ElementType;
import io.tnet.model.F32Tensor;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdDense;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small models for the service's tests, built with the model API. */
public final class ServiceTestModels {

    private ServiceTestModels() {
    }

    /**
     * FLOAT32 "argmax" model over {@code n} inputs: one ThresholdDense layer with identity signs, zero
     * thresholds and bias, scale 2^0, so {@code logits_j = max(x_j, 0)} and the predicted class of a
     * positive input is the index of its largest element. Labels "c0".."c{n-1}".
     */
    public static Model argmax(String name, int n) {
        float[] theta = new float[n * n];
        byte[] signs = new byte[n * n];
        for (int j = 0; j < n; j++) {
            signs[j * n + j] = 1;
        }
        List<String> labels = java.util.stream.IntStream.range(0, n).mapToObj(i -> "c" + i).toList();
        return new Model(Model.FORMAT_VERSION, name, Precision.FLOAT32,
                new TensorSpec("input", ElementType.FP32, Shape.of(n)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(n)),
                labels, Preprocessing.IDENTITY, Quantization.NONE,
                List.of(new ThresholdDense("fc", n, n, 0, F32Tensor.of(Shape.of(n, n), theta),
                        I8Tensor.of(Shape.of(n, n), signs), F32Tensor.zeros(Shape.of(n)))),
                Map.of("purpose", "service tests"));
    }

    /** INT8 argmax model: same behaviour in integer mode (input frac bits 4, output frac bits 4). */
    public static Model argmaxInt8(String name, int n) {
        byte[] theta = new byte[n * n];
        byte[] signs = new byte[n * n];
        for (int j = 0; j < n; j++) {
            signs[j * n + j] = 1;
        }
        return new Model(Model.FORMAT_VERSION, name, Precision.INT8,
                new TensorSpec("input", ElementType.FP32, Shape.of(n)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(n)),
                List.of(), Preprocessing.IDENTITY, new Quantization(4, 4),
                List.of(new ThresholdDense("fc", n, n, 0, I8Tensor.of(Shape.of(n, n), theta),
                        I8Tensor.of(Shape.of(n, n), signs), I32Tensor.of(Shape.of(n), new int[n]))),
                Map.of());
    }

    /** A random two-layer FLOAT32 threshold MLP, for comparisons against the reference evaluator. */
    public static Model randomMlp(String name, int in, int hidden, int out, long seed) {
        Random r = new Random(seed);
        return new Model(Model.FORMAT_VERSION, name, Precision.FLOAT32,
                new TensorSpec("input", ElementType.FP32, Shape.of(in)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(out)),
                List.of(), new Preprocessing(1f / 255, 0f), Quantization.NONE,
                List.of(dense(r, "fc1", in, hidden, -1), dense(r, "fc2", hidden, out, -2)), Map.of());
    }

    /** A random two-layer INT8 threshold MLP (bit-exact across reference and kernel). */
    public static Model randomMlpInt8(String name, int in, int hidden, int out, long seed) {
        Random r = new Random(seed);
        return new Model(Model.FORMAT_VERSION, name, Precision.INT8,
                new TensorSpec("input", ElementType.FP32, Shape.of(in)),
                new TensorSpec("logits", ElementType.FP32, Shape.of(out)),
                List.of(), new Preprocessing(1f / 255, 0f), new Quantization(7, 3),
                List.of(dense8(r, "fc1", in, hidden, -3), dense8(r, "fc2", hidden, out, -2)), Map.of());
    }

    private static ThresholdDense dense8(Random r, String name, int in, int out, int scaleExp) {
        byte[] theta = new byte[in * out];
        byte[] signs = new byte[in * out];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (byte) r.nextInt(128);
            signs[i] = (byte) (r.nextInt(3) - 1);
        }
        int[] bias = new int[out];
        for (int i = 0; i < out; i++) {
            bias[i] = r.nextInt(64) - 32;
        }
        return new ThresholdDense(name, in, out, scaleExp, I8Tensor.of(Shape.of(out, in), theta),
                I8Tensor.of(Shape.of(out, in), signs), I32Tensor.of(Shape.of(out), bias));
    }

    private static ThresholdDense dense(Random r, String name, int in, int out, int scaleExp) {
        float[] theta = new float[in * out];
        byte[] signs = new byte[in * out];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextFloat();
            signs[i] = (byte) (r.nextInt(3) - 1);
        }
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
            bias[i] = (float) r.nextGaussian() * 0.1f;
        }
        return new ThresholdDense(name, in, out, scaleExp, F32Tensor.of(Shape.of(out, in), theta),
                I8Tensor.of(Shape.of(out, in), signs), F32Tensor.of(Shape.of(out), bias));
    }
}
