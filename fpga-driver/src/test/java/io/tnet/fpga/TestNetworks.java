package io.tnet.fpga;

import io.tnet.fpga.gen.RandomModels;
import io.tnet.model.ElementType;
import io.tnet.model.Flatten;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/** Random INT8 threshold MLPs and inputs for the equivalence tests of the transports. */
final class TestNetworks {

    private TestNetworks() {
    }

    /** Random INT8 ThresholdDense MLP of the given widths: the generator tests' {@link RandomModels#mlp}. */
    static Model mlp(long seed, int... widths) {
        return RandomModels.mlp(seed, widths);
    }

    /** Same as {@link #mlp} with a Flatten layer in front of a [1, h, w] input. */
    static Model mlpWithFlatten(long seed, int h, int w, int... rest) {
        Model m = mlp(seed, prepend(h * w, rest));
        List<Layer> layers = new ArrayList<>(m.layers());
        layers.addFirst(new Flatten("flatten"));
        return new Model(m.formatVersion(), m.name(), m.precision(),
                new TensorSpec("input", ElementType.FP32, Shape.of(1, h, w)), m.output(), m.labels(),
                m.preprocessing(), m.quantization(), layers, m.metadata());
    }

    /** {@code n} random int8 samples of {@code width} values, row-major ({@link RandomModels#inputs}). */
    static byte[] samples(long seed, int n, int width) {
        return RandomModels.inputs(seed, n, width);
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
