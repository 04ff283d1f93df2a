package io.tnet.bench;

import io.tnet.model.Activation;
import io.tnet.model.Dense;
import io.tnet.model.ElementType;
import io.tnet.model.F32Tensor;
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
import io.tnet.model.format.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Randomly initialised benchmark models (fixed seeds) and the bundled MNIST model when present. */
public final class BenchModels {

    private BenchModels() {
    }

    /** {@code "1024x1024"} = 1024 inputs, 1024 outputs. */
    public static int[] shape(String s) {
        String[] p = s.split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    /** An int8 threshold dense layer with about a third of its synapses absent (as ternarized training gives). */
    public static ThresholdDense int8Threshold(Random rnd, String name, int in, int out) {
        byte[] theta = new byte[in * out];
        byte[] signs = new byte[in * out];
        rnd.nextBytes(theta);
        for (int i = 0; i < signs.length; i++) {
            signs[i] = (byte) (rnd.nextInt(3) - 1);
        }
        return new ThresholdDense(name, in, out, -6, I8Tensor.of(Shape.of(out, in), theta),
                I8Tensor.of(Shape.of(out, in), signs), I32Tensor.zeros(Shape.of(out)));
    }

    /** A conventional FP32 dense layer (the multiply-accumulate baseline). */
    public static Dense fp32Dense(Random rnd, String name, int in, int out) {
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        return new Dense(name, in, out, 0, Activation.NONE, F32Tensor.of(Shape.of(out, in), w), F32Tensor.zeros(Shape.of(out)));
    }

    public static Model model(Precision p, int in, int out, List<Layer> layers) {
        return new Model(Model.FORMAT_VERSION, "bench", p, new TensorSpec("input", ElementType.FP32, Shape.of(in)),
                new TensorSpec("output", ElementType.FP32, Shape.of(out)), List.of(), Preprocessing.IDENTITY,
                p == Precision.INT8 ? new Quantization(5, 4) : Quantization.NONE, layers, Map.of());
    }

    /**
     * The bundled int8 {@code mnist-tn-mlp} (version 2) if {@code models/} holds it (directory from the
     * system property {@code tnet.models}, default {@code models}), else a random int8 784-256-10
     * threshold network of the same shape. Prints which one to stderr (it goes to the JMH log).
     */
    public static Model mnist() {
        Path file = Path.of(System.getProperty("tnet.models", "models"), "mnist-tn-mlp", "2", "model.safetensors");
        if (Files.isRegularFile(file)) {
            System.err.println("[bench] using bundled model " + file.toAbsolutePath());
            return ModelReader.read(file);
        }
        System.err.println("[bench] " + file + " not found: using a random int8 784-256-10 threshold network");
        Random rnd = new Random(784);
        return model(Precision.INT8, 784, 10, List.of(int8Threshold(rnd, "hidden", 784, 256),
                int8Threshold(rnd, "out", 256, 10)));
    }

    public static byte[] int8Input(Random rnd, int n) {
        byte[] q = new byte[n];
        for (int i = 0; i < n; i++) {
            q[i] = (byte) rnd.nextInt(128); // 7-bit inputs, as the quantizer produces for pixels
        }
        return q;
    }

    public static float[] floatInput(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat();
        }
        return x;
    }
}
