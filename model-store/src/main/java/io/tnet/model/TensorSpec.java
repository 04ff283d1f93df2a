package io.tnet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Name, datatype and per-sample shape of a model input or output as clients see it over the
 * Open Inference Protocol. The wire shape adds a leading batch dimension, {@code -1} (any).
 */
public record TensorSpec(String name, ElementType datatype, Shape shape) {

    public TensorSpec {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new InvalidModelException(InvalidModelException.Problem.BAD_VALUE,
                    "tensor spec name must be 1-128 characters, got '" + name + "'");
        }
        if (datatype == null || shape == null) {
            throw new InvalidModelException(InvalidModelException.Problem.MISSING_FIELD,
                    "tensor spec '" + name + "' needs a datatype and a shape");
        }
    }

    /** Shape as published over OIP: {@code [-1, dims...]}. */
    public List<Long> wireShape() {
        List<Long> s = new ArrayList<>();
        s.add(-1L);
        shape.dims().forEach(d -> s.add((long) d));
        return List.copyOf(s);
    }
}
