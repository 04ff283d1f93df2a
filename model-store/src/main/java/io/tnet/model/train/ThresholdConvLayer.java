package io.tnet.model.train;

import io.tnet.model.Conv2dGeometry;
import io.tnet.model.F32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdConv2d;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Trainable {@link ThresholdConv2d}: the threshold neuron per output position over im2col patches. */
final class ThresholdConvLayer extends TrainableLayer {

    final Conv2dGeometry geometry;
    final Im2col im2col;
    int scaleExp;
    final float[] latent;
    final float[] signs;
    final float[] thresholds;
    final float[] bias;
    double inputStd = 1;
    private final List<Param> params;

    ThresholdConvLayer(String name, Conv2dGeometry g, Shape in, SplittableRandom random) {
        super(name, in, g.outputShape(name, in));
        geometry = g;
        im2col = new Im2col(g, in, outShape);
        int size = g.kernelShape().size();
        latent = new float[size];
        signs = new float[size];
        thresholds = new float[size];
        bias = new float[g.outChannels()];
        for (int i = 0; i < size; i++) {
            latent[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Ternary.ternarize(latent, signs);
        params = params();
    }

    ThresholdConvLayer(ThresholdConv2d c, Shape in) {
        super(c.name(), in, c.outputShape(in));
        geometry = c.geometry();
        im2col = new Im2col(geometry, in, outShape);
        scaleExp = c.scaleExp();
        thresholds = ((F32Tensor) c.thresholds()).toArray();
        bias = ((F32Tensor) c.bias()).toArray();
        I8Tensor s = (I8Tensor) c.signs();
        signs = new float[s.size()];
        latent = new float[s.size()];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = s.get(i);
            latent[i] = s.get(i);
        }
        params = params();
    }

    float scale() {
        return Math.scalb(1f, scaleExp);
    }

    @Override
    List<Param> params() {
        if (params != null) {
            return params;
        }
        return List.of(new Param(name + ".latent", Param.Kind.LATENT_SIGN, latent),
                new Param(name + ".thresholds", Param.Kind.THRESHOLD, thresholds),
                new Param(name + ".bias", Param.Kind.BIAS, bias));
    }

    @Override
    void forward(Shard shard, float[] x, float[] y, int n) {
        int pk = im2col.positions * im2col.fanIn;
        float[] cols = shard.buffer(this, n * pk);
        int in = inSize(), out = outSize();
        for (int b = 0; b < n; b++) {
            im2col.gather(x, b * in, cols, b * pk);
            shard.kernels.thresholdForward(cols, b * pk, im2col.positions, im2col.fanIn, thresholds, signs, bias,
                    geometry.outChannels(), scale(), y, b * out, 1, im2col.positions);
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
            shard.kernels.thresholdBackward(cols, b * pk, im2col.positions, im2col.fanIn, thresholds, signs,
                    geometry.outChannels(), scale(), gy, b * out, 1, im2col.positions,
                    grads[1], grads[0], grads[2], gcols, 0);
            if (gx != null) {
                im2col.scatterAdd(gcols, 0, gx, b * in);
            }
        }
    }

    @Override
    void calibrate(Shard shard, float[] x, int n, SplittableRandom random) {
        inputStd = std(x, n * inSize());
        int pk = im2col.positions * im2col.fanIn;
        float[] cols = new float[n * pk];
        for (int b = 0; b < n; b++) {
            im2col.gather(x, b * inSize(), cols, b * pk);
        }
        int rows = n * im2col.positions, k = im2col.fanIn;
        for (int o = 0; o < geometry.outChannels(); o++) {
            for (int i = 0; i < k; i++) {
                thresholds[o * k + i] = cols[random.nextInt(rows) * k + i];
            }
        }
        scaleExp = 0;
        float[] y = new float[n * outSize()];
        forward(shard, x, y, n);
        scaleExp = scaleExpFor(std(y, n * outSize()));
    }

    @Override
    void refresh() {
        Ternary.ternarize(latent, signs);
    }

    @Override
    Layer export() {
        Shape k = geometry.kernelShape();
        return new ThresholdConv2d(name, geometry, scaleExp, F32Tensor.of(k, thresholds),
                I8Tensor.of(k, Ternary.toBytes(signs)), F32Tensor.of(Shape.of(geometry.outChannels()), bias));
    }
}
