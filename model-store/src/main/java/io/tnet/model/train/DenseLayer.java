package io.tnet.model.train;

import io.tnet.model.Activation;
import io.tnet.model.Dense;
import io.tnet.model.F32Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Shape;
import java.util.List;
import java.util.SplittableRandom;

/** Trainable Multiplication Injection {@link Dense}: {@code y = act(2^k (b + W x))}, He-initialised. */
final class DenseLayer extends TrainableLayer {

    final int in;
    final int out;
    final Activation activation;
    int scaleExp;
    final float[] weights;
    final float[] bias;
    private final List<Param> params;

    DenseLayer(String name, int in, int out, Activation activation, SplittableRandom random) {
        super(name, Shape.of(in), Shape.of(out));
        this.in = in;
        this.out = out;
        this.activation = activation;
        weights = new float[out * in];
        bias = new float[out];
        double sd = Math.sqrt((activation == Activation.RELU ? 2.0 : 1.0) / in);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (gaussian(random) * sd);
        }
        params = List.of(new Param(name + ".weights", Param.Kind.WEIGHT, weights),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    DenseLayer(Dense d) {
        super(d.name(), Shape.of(d.inputs()), Shape.of(d.outputs()));
        in = d.inputs();
        out = d.outputs();
        activation = d.activation();
        scaleExp = d.scaleExp();
        weights = ((F32Tensor) d.weights()).toArray();
        bias = ((F32Tensor) d.bias()).toArray();
        params = List.of(new Param(name + ".weights", Param.Kind.WEIGHT, weights),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller on the seeded generator: java.util.Random's nextGaussian is not on SplittableRandom.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    List<Param> params() {
        return params;
    }

    @Override
    void forward(Shard shard, float[] x, float[] y, int n) {
        shard.kernels.macForward(x, 0, n, in, weights, bias, out, Math.scalb(1f, scaleExp),
                activation == Activation.RELU, y, 0, out, 1);
    }

    @Override
    void backward(Shard shard, float[] x, float[] y, float[] gy, float[] gx, int n, float[][] grads) {
        if (gx != null) {
            java.util.Arrays.fill(gx, 0, n * in, 0f);
        }
        shard.kernels.macBackward(x, 0, n, in, weights, out, Math.scalb(1f, scaleExp),
                activation == Activation.RELU, y, gy, 0, out, 1, grads[0], grads[1], gx, 0);
    }

    @Override
    Layer export() {
        return new Dense(name, in, out, scaleExp, activation, F32Tensor.of(Shape.of(out, in), weights),
                F32Tensor.of(Shape.of(out), bias));
    }
}
