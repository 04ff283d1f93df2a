package io.tnet.model;

import java.util.Arrays;
import java.util.List;

/**
 * Shape of one sample (no batch dimension), e.g. {@code [784]} or {@code [1, 28, 28]} (CHW).
 * Every dimension is at least 1.
 */
public record Shape(List<Integer> dims) {

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) {
            throw new InvalidModelException(InvalidModelException.Problem.SHAPE_MISMATCH, "shape has no dimensions");
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new InvalidModelException(InvalidModelException.Problem.SHAPE_MISMATCH,
                        "shape " + dims + " has a dimension < 1");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new InvalidModelException(InvalidModelException.Problem.MODEL_TOO_LARGE,
                        "shape " + dims + " has more than 2^31-1 elements");
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int i) {
        return dims.get(i);
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    public int[] toArray() {
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
