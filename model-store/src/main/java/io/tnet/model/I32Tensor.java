package io.tnet.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable int tensor. The backing array is copied in and never handed out; {@link #toArray()}
 * returns a copy, which is what kernels take once when they repack parameters at load time.
 */
public final class I32Tensor implements Tensor {

    private final Shape shape;
    private final int[] data;

    private I32Tensor(Shape shape, int[] data) {
        Tensor.requireSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A tensor holding a copy of {@code data}. */
    public static I32Tensor of(Shape shape, int... data) {
        return new I32Tensor(Objects.requireNonNull(shape), data.clone());
    }

    /** A tensor of zeros. */
    public static I32Tensor zeros(Shape shape) {
        return new I32Tensor(shape, new int[shape.size()]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public ElementType elementType() {
        return ElementType.INT32;
    }

    public int get(int i) {
        return data[i];
    }

    @Override
    public double valueAt(int i) {
        return data[i];
    }

    public int[] toArray() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof I32Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "I32Tensor" + shape;
    }
}
