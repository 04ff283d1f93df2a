package io.tnet.model.train;

import io.tnet.model.Layer;
import io.tnet.model.Shape;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Float training counterpart of one {@link Layer}: batched forward and backward over {@code n} samples
 * stored row-major ({@code n * inShape.size()} inputs, {@code n * outShape.size()} outputs, CHW per
 * sample). Parameter gradients are accumulated into caller-owned arrays aligned with {@link #params()},
 * so each worker shard has its own and the trainer reduces them in a fixed order.
 */
abstract sealed class TrainableLayer
        permits ThresholdDenseLayer, ThresholdConvLayer, DenseLayer, ConvLayer, FlattenLayer {

    final String name;
    final Shape inShape;
    final Shape outShape;

    TrainableLayer(String name, Shape inShape, Shape outShape) {
        this.name = name;
        this.inShape = inShape;
        this.outShape = outShape;
    }

    int inSize() {
        return inShape.size();
    }

    int outSize() {
        return outShape.size();
    }

    abstract List<Param> params();

    abstract void forward(Shard shard, float[] x, float[] y, int n);

    /**
     * Adds this batch's parameter gradients to {@code grads} and writes input gradients into {@code gx}
     * (overwriting it; {@code null} when not needed, i.e. for the first layer).
     */
    abstract void backward(Shard shard, float[] x, float[] y, float[] gy, float[] gx, int n, float[][] grads);

    /**
     * Data-dependent initialisation from {@code n} calibration inputs of this layer (thresholds from the
     * data, output scale so outputs have a standard deviation near 1). Default: nothing.
     */
    void calibrate(Shard shard, float[] x, int n, SplittableRandom random) {
    }

    /** Re-derives dependent state (ternary signs) after the optimiser changed the parameters. */
    void refresh() {
    }

    /** The immutable FLOAT32 model layer with the current parameters. */
    abstract Layer export();

    /** Standard deviation of the first {@code count} values of {@code v}, in double. */
    static double std(float[] v, int count) {
        double s = 0, s2 = 0;
        for (int i = 0; i < count; i++) {
            s += v[i];
            s2 += (double) v[i] * v[i];
        }
        double mean = s / count;
        return Math.sqrt(Math.max(s2 / count - mean * mean, 0));
    }

    /** The power-of-two exponent k that brings a standard deviation {@code std} nearest to 1. */
    static int scaleExpFor(double std) {
        if (!(std > 0) || !Double.isFinite(std)) {
            return 0;
        }
        return (int) Math.max(-31, Math.min(31, Math.round(-Math.log(std) / Math.log(2))));
    }
}
