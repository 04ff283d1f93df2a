package io.tnet.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable float tensor. The backing array is copied in and never handed out; {@link #toArray()}
 * returns a copy, which is what kernels take once when they repack parameters at load time.
 */
public final class F32Tensor implements Tensor {

    private final Shape shape;
    private final float[] data;

    private F32Tensor(Shape shape, float[] data) {
        Tensor.requireSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A tensor holding a copy of {@code data}. */
    public static F32Tensor of(Shape shape, float... data) {
        return new F32Tensor(Objects.requireNonNull(shape), data.clone());
    }

    /** A tensor of zeros. */
    public static F32Tensor zeros(Shape shape) {
        return new F32Tensor(shape, new float[shape.size()]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public ElementType elementType() {
        return ElementType.FP32;
    }

    public float get(int i) {
        return data[i];
    }

    @Override
    public double valueAt(int i) {
        return data[i];
    }

    public float[] toArray() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof F32Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "F32Tensor" + shape;
    }
}
