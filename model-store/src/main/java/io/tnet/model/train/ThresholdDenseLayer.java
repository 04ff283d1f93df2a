package io.tnet.model.train;

import io.tnet.model.F32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdDense;
import java.util.List;
import java.util.SplittableRandom;

/** Trainable {@link ThresholdDense}: {@code y_j = 2^k (b_j + sum_i s_ji max(x_i - theta_ji, 0))}. */
final class ThresholdDenseLayer extends TrainableLayer {

    final int in;
    final int out;
    int scaleExp;
    final float[] latent;
    final float[] signs;
    final float[] thresholds;
    final float[] bias;
    /** Standard deviation of this layer's calibration inputs; scales the threshold learning rate. */
    double inputStd = 1;
    private final List<Param> params;

    ThresholdDenseLayer(String name, int in, int out, SplittableRandom random) {
        super(name, Shape.of(in), Shape.of(out));
        this.in = in;
        this.out = out;
        latent = new float[out * in];
        signs = new float[out * in];
        thresholds = new float[out * in];
        bias = new float[out];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Ternary.ternarize(latent, signs);
        params = List.of(new Param(name + ".latent", Param.Kind.LATENT_SIGN, latent),
                new Param(name + ".thresholds", Param.Kind.THRESHOLD, thresholds),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    /** Rebuilds a trainable layer from a float model layer (latent weights = signs). */
    ThresholdDenseLayer(ThresholdDense d) {
        super(d.name(), Shape.of(d.inputs()), Shape.of(d.outputs()));
        in = d.inputs();
        out = d.outputs();
        scaleExp = d.scaleExp();
        thresholds = ((F32Tensor) d.thresholds()).toArray();
        bias = ((F32Tensor) d.bias()).toArray();
        signs = new float[out * in];
        latent = new float[out * in];
        I8Tensor s = (I8Tensor) d.signs();
        for (int i = 0; i < signs.length; i++) {
            signs[i] = s.get(i);
            latent[i] = s.get(i);
        }
        params = List.of(new Param(name + ".latent", Param.Kind.LATENT_SIGN, latent),
                new Param(name + ".thresholds", Param.Kind.THRESHOLD, thresholds),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    float scale() {
        return Math.scalb(1f, scaleExp);
    }

    @Override
    List<Param> params() {
        return params;
    }

    @Override
    void forward(Shard shard, float[] x, float[] y, int n) {
        shard.kernels.thresholdForward(x, 0, n, in, thresholds, signs, bias, out, scale(), y, 0, out, 1);
    }

    @Override
    void backward(Shard shard, float[] x, float[] y, float[] gy, float[] gx, int n, float[][] grads) {
        if (gx != null) {
            java.util.Arrays.fill(gx, 0, n * in, 0f);
        }
        shard.kernels.thresholdBackward(x, 0, n, in, thresholds, signs, out, scale(), gy, 0, out, 1,
                grads[1], grads[0], grads[2], gx, 0);
    }

    @Override
    void calibrate(Shard shard, float[] x, int n, SplittableRandom random) {
        inputStd = std(x, n * in);
        // Each threshold starts at the same input of a random calibration sample.
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                thresholds[j * in + i] = x[random.nextInt(n) * in + i];
            }
        }
        scaleExp = 0;
        float[] y = new float[n * out];
        forward(shard, x, y, n);
        scaleExp = scaleExpFor(std(y, n * out));
    }

    @Override
    void refresh() {
        Ternary.ternarize(latent, signs);
    }

    @Override
    Layer export() {
        return new ThresholdDense(name, in, out, scaleExp, F32Tensor.of(Shape.of(out, in), thresholds),
                I8Tensor.of(Shape.of(out, in), Ternary.toBytes(signs)), F32Tensor.of(Shape.of(out), bias));
    }
}
