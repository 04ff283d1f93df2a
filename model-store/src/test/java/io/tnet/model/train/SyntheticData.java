package io.tnet.model.train;

import io.tnet.model.Shape;
import io.tnet.model.data.Dataset;
import java.util.SplittableRandom;

/**
 * A small seeded classification problem: {@code classes} prototypes of {@code dim} values in [0, 1];
 * a sample is its class prototype plus uniform noise, clipped to [0, 1]. Learnable but not trivially.
 */
final class SyntheticData {

    private SyntheticData() {
    }

    static Dataset make(int n, int dim, int classes, double noise, long seed) {
        SplittableRandom protoRandom = new SplittableRandom(1234);
        float[][] proto = new float[classes][dim];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < dim; i++) {
                proto[c][i] = (float) protoRandom.nextDouble();
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            int c = r.nextInt(classes);
            y[k] = c;
            for (int i = 0; i < dim; i++) {
                x[k * dim + i] = (float) Math.max(0, Math.min(1, proto[c][i] + r.nextDouble(-noise, noise)));
            }
        }
        return new Dataset("synthetic", Shape.of(dim), x, y, classes);
    }
}
