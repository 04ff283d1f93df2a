package io.tnet.model;

/**
 * An immutable, dense, row-major parameter tensor. The three element types a model file may hold
 * are the three implementations; pattern-match on them where the element type matters.
 */
public sealed interface Tensor permits F32Tensor, I8Tensor, I32Tensor {

    Shape shape();

    ElementType elementType();

    /** Number of elements, {@code shape().size()}. */
    default int size() {
        return shape().size();
    }

    /** Element {@code i} (row-major) widened to double; for display and generic code, not kernels. */
    double valueAt(int i);

    static void requireSize(Shape shape, int length) {
        if (shape.size() != length) {
            throw new InvalidModelException(InvalidModelException.Problem.SHAPE_MISMATCH,
                    "tensor of shape " + shape + " needs " + shape.size() + " elements, got " + length);
        }
    }
}
