package io.tnet.model.train;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.F32Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Trainable Multiplication Injection {@link Conv2d} over im2col patches, He-initialised. */
final class ConvLayer extends TrainableLayer {

    final Conv2dGeometry geometry;
    final Im2col im2col;
    final Activation activation;
    int scaleExp;
    final float[] weights;
    final float[] bias;
    private final List<Param> params;

    ConvLayer(String name, Conv2dGeometry g, Activation activation, Shape in, SplittableRandom random) {
        super(name, in, g.outputShape(name, in));
        geometry = g;
        this.activation = activation;
        im2col = new Im2col(g, in, outShape);
        weights = new float[g.kernelShape().size()];
        bias = new float[g.outChannels()];
        double sd = Math.sqrt((activation == Activation.RELU ? 2.0 : 1.0) / g.fanIn());
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (DenseLayer.gaussian(random) * sd);
        }
        params = List.of(new Param(name + ".weights", Param.Kind.WEIGHT, weights),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    ConvLayer(Conv2d c, Shape in) {
        super(c.name(), in, c.outputShape(in));
        geometry = c.geometry();
        activation = c.activation();
        im2col = new Im2col(geometry, in, outShape);
        scaleExp = c.scaleExp();
        weights = ((F32Tensor) c.weights()).toArray();
        bias = ((F32Tensor) c.bias()).toArray();
        params = List.of(new Param(name + ".weights", Param.Kind.WEIGHT, weights),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    @Override
    List<Param> params() {
        return params;
    }

    @Override
    void forward(Shard shard, float[] x, float[] y, int n) {
        int pk = im2col.positions * im2col.fanIn;
        float[] cols = shard.buffer(this, n * pk);
        int in = inSize(), out = outSize();
        for (int b = 0; b < n; b++) {
            im2col.gather(x, b * in, cols, b * pk);
            shard.kernels.macForward(cols, b * pk, im2col.positions, im2col.fanIn, weights, bias,
                    geometry.outChannels(), Math.scalb(1f, scaleExp), activation == Activation.RELU,
                    y, b * out, 1, im2col.positions);
        }
    }

    @Override
    void backward(Shard shard, float[] x, float[] y, float[] gy, float[] gx, int n, float[][] grads) {
        int pk = im2col.positions * im2col.fanIn;
        float[] cols = shard.buffer(this, n * pk);
        float[] gcols = gx == null ? null : shard.buffer(im2col, pk);
        int in = inSize(), out = outSize();
        if (gx != null) {
            Arrays.fill(gx, 0, n * in, 0f);
        }
        for (int b = 0; b < n; b++) {
            if (gcols != null) {
                Arrays.fill(gcols, 0, pk, 0f);
            }
            // y and gy share the layout, so the ReLU mask is read at the same index as the gradient.
            shard.kernels.macBackward(cols, b * pk, im2col.positions, im2col.fanIn, weights,
                    geometry.outChannels(), Math.scalb(1f, scaleExp), activation == Activation.RELU,
                    y, gy, b * out, 1, im2col.positions, grads[0], grads[1], gcols, 0);
            if (gx != null) {
                im2col.scatterAdd(gcols, 0, gx, b * in);
            }
        }
    }

    @Override
    Layer export() {
        return new Conv2d(name, geometry, scaleExp, activation, F32Tensor.of(geometry.kernelShape(), weights),
                F32Tensor.of(Shape.of(geometry.outChannels()), bias));
    }
}
