package io.tnet.model.train;

import io.tnet.model.Flatten;
import io.tnet.model.Layer;
import io.tnet.model.Shape;
import java.util.List;

/** Trainable view of {@link Flatten}: CHW is already row-major, so values pass through unchanged. */
final class FlattenLayer extends TrainableLayer {

    FlattenLayer(String name, Shape in) {
        super(name, in, Shape.of(in.size()));
    }

    @Override
    List<Param> params() {
        return List.of();
    }

    @Override
    void forward(Shard shard, float[] x, float[] y, int n) {
        System.arraycopy(x, 0, y, 0, n * inSize());
    }

    @Override
    void backward(Shard shard, float[] x, float[] y, float[] gy, float[] gx, int n, float[][] grads) {
        if (gx != null) {
            System.arraycopy(gy, 0, gx, 0, n * inSize());
        }
    }

    @Override
    Layer export() {
        return new Flatten(name);
    }
}
