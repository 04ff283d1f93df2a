package io.tnet.model;

import java.util.List;

/** Reshapes a CHW sample to a vector in row-major order; no parameters, no arithmetic. */
public record Flatten(String name) implements Layer {

    public Flatten {
        Checks.name(name);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.FLATTEN;
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    public List<NamedTensor> tensors() {
        return List.of();
    }

    @Override
    public Precision precision() {
        return null;
    }
}
