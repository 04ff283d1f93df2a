package io.tnet.model;

import java.util.List;

/**
 * Multiplication Injection fully connected layer: {@code y_j = act(2^scaleExp * (b_j + sum_i w_ji x_i))}.
 * A conventional layer kept where accuracy needs real weights; it costs one multiplication per weight.
 * {@code weights} has shape {@code [outputs, inputs]}.
 */
public record Dense(String name, int inputs, int outputs, int scaleExp, Activation activation,
                    Tensor weights, Tensor bias) implements Layer {

    public Dense {
        Checks.name(name);
        Checks.positive(name, "inputs", inputs);
        Checks.positive(name, "outputs", outputs);
        Checks.scaleExp(name, scaleExp);
        if (activation == null) {
            throw new InvalidModelException(InvalidModelException.Problem.MISSING_FIELD, name + ": activation missing");
        }
        Checks.shape(name, "weights", weights, Shape.of(outputs, inputs));
        Checks.shape(name, "bias", bias, Shape.of(outputs));
        Checks.bias(name, bias, Checks.param(name, "weights", weights));
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DENSE;
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
        return List.of(new NamedTensor("weights", weights), new NamedTensor("bias", bias));
    }

    @Override
    public Precision precision() {
        return weights instanceof I8Tensor ? Precision.INT8 : Precision.FLOAT32;
    }
}
