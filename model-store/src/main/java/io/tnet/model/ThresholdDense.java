package io.tnet.model;

import java.util.List;

/**
 * Fully connected threshold layer: {@code y_j = 2^scaleExp * (b_j + sum_i s_ji * max(x_i - theta_ji, 0))}.
 *
 * <p>{@code thresholds} and {@code signs} have shape {@code [outputs, inputs]} (row j holds neuron j's
 * synapses), {@code bias} has shape {@code [outputs]}. In int8 mode the bracket is accumulated exactly
 * in int32 and {@code scaleExp} is the requantization shift (see {@code docs/neuron.md}).
 */
public record ThresholdDense(String name, int inputs, int outputs, int scaleExp,
                             Tensor thresholds, Tensor signs, Tensor bias) implements Layer {

    public ThresholdDense {
        Checks.name(name);
        Checks.positive(name, "inputs", inputs);
        Checks.positive(name, "outputs", outputs);
        Checks.scaleExp(name, scaleExp);
        Shape w = Shape.of(outputs, inputs);
        Checks.shape(name, "thresholds", thresholds, w);
        Checks.shape(name, "signs", signs, w);
        Checks.shape(name, "bias", bias, Shape.of(outputs));
        Checks.signs(name, signs);
        Checks.bias(name, bias, Checks.param(name, "thresholds", thresholds));
    }

    @Override
    public LayerKind kind() {
        return LayerKind.THRESHOLD_DENSE;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != inputs || input.rank() != 1) {
            throw Checks.chain(name, "expects input [" + inputs + "], got " + input
                    + (input.rank() != 1 ? " (insert a Flatten layer before it)" : ""));
        }
        return Shape.of(outputs);
    }

    @Override
    public List<NamedTensor> tensors() {
        return List.of(new NamedTensor("thresholds", thresholds), new NamedTensor("signs", signs),
                new NamedTensor("bias", bias));
    }

    @Override
    public Precision precision() {
        return thresholds instanceof I8Tensor ? Precision.INT8 : Precision.FLOAT32;
    }

    /** Number of synapses with a non-zero sign (the ones that cost an operation). */
    public long activeSynapses() {
        I8Tensor s = (I8Tensor) signs;
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += s.get(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
