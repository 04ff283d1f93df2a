package io.tnet.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable byte tensor. The backing array is copied in and never handed out; {@link #toArray()}
 * returns a copy, which is what kernels take once when they repack parameters at load time.
 */
public final class I8Tensor implements Tensor {

    private final Shape shape;
    private final byte[] data;

    private I8Tensor(Shape shape, byte[] data) {
        Tensor.requireSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A tensor holding a copy of {@code data}. */
    public static I8Tensor of(Shape shape, byte... data) {
        return new I8Tensor(Objects.requireNonNull(shape), data.clone());
    }

    /** A tensor of zeros. */
    public static I8Tensor zeros(Shape shape) {
        return new I8Tensor(shape, new byte[shape.size()]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public ElementType elementType() {
        return ElementType.INT8;
    }

    public byte get(int i) {
        return data[i];
    }

    @Override
    public double valueAt(int i) {
        return data[i];
    }

    public byte[] toArray() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof I8Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "I8Tensor" + shape;
    }
}
