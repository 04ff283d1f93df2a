package io.tnet.model.data;

import io.tnet.model.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory labelled dataset: {@code size()} samples of {@code sampleShape} raw values each (as the
 * client would send them, before the model's preprocessing), stored row-major in one array.
 *
 * <p>Arrays are shared, not copied: a dataset is built once by a reader and then only read.
 *
 * @param name        human-readable name, e.g. {@code fashion-mnist/test}
 * @param sampleShape per-sample shape (CHW for images)
 * @param features    {@code size() * sampleShape.size()} raw values
 * @param labels      class index per sample, in {@code [0, classes)}
 * @param classes     number of classes
 */
public record Dataset(String name, Shape sampleShape, float[] features, int[] labels, int classes) {

    public Dataset {
        Objects.requireNonNull(name);
        Objects.requireNonNull(sampleShape);
        if (features.length != (long) labels.length * sampleShape.size()) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values for " + labels.length
                    + " samples of shape " + sampleShape);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " outside [0, " + classes + ")");
            }
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Values per sample. */
    public int dim() {
        return sampleShape.size();
    }

    /** A copy of sample {@code i}'s raw values. */
    public float[] sample(int i) {
        int d = dim();
        return Arrays.copyOfRange(features, i * d, (i + 1) * d);
    }

    /** The samples at {@code indices}, in that order. */
    public Dataset subset(String subsetName, int[] indices) {
        int d = dim();
        float[] x = new float[indices.length * d];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * d, x, k * d, d);
            y[k] = labels[indices[k]];
        }
        return new Dataset(subsetName, sampleShape, x, y, classes);
    }

    /** The same samples viewed with another per-sample shape of the same size (e.g. [784] as [1, 28, 28]). */
    public Dataset reshaped(Shape shape) {
        if (shape.size() != dim()) {
            throw new IllegalArgumentException("cannot view samples of " + sampleShape + " as " + shape);
        }
        return new Dataset(name, shape, features, labels, classes);
    }

    /** The first {@code n} samples (or all if fewer). */
    public Dataset head(int n) {
        int m = Math.min(n, size());
        int[] idx = new int[m];
        Arrays.setAll(idx, i -> i);
        return subset(name + "[:" + m + "]", idx);
    }

    /** Train/test pair of one dataset. */
    public record Split(Dataset train, Dataset test) {
    }
}
