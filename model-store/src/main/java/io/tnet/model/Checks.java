package io.tnet.model;

import io.tnet.model.InvalidModelException.Problem;

/** Invariant checks shared by the layer records; every failure is an {@link InvalidModelException}. */
final class Checks {

    private Checks() {
    }

    static String name(String name) {
        if (name == null || name.isEmpty() || name.length() > 128 || !name.matches("[A-Za-z0-9_\\-]+")) {
            throw new InvalidModelException(Problem.BAD_VALUE,
                    "layer name '" + name + "' must be 1-128 characters of [A-Za-z0-9_-]");
        }
        return name;
    }

    static void positive(String layer, String what, int value) {
        if (value < 1) {
            throw new InvalidModelException(Problem.BAD_VALUE, layer + ": " + what + " must be >= 1, got " + value);
        }
    }

    static void nonNegative(String layer, String what, int value) {
        if (value < 0) {
            throw new InvalidModelException(Problem.BAD_VALUE, layer + ": " + what + " must be >= 0, got " + value);
        }
    }

    /** Power-of-two scale exponents are bounded so that 2^k is exact in float and shifts stay in range. */
    static void scaleExp(String layer, int k) {
        if (k < -31 || k > 31) {
            throw new InvalidModelException(Problem.BAD_VALUE, layer + ": scale exponent " + k + " outside [-31, 31]");
        }
    }

    static void shape(String layer, String role, Tensor t, Shape expected) {
        if (t == null) {
            throw new InvalidModelException(Problem.MISSING_TENSOR, layer + ": tensor '" + role + "' is missing");
        }
        if (!t.shape().equals(expected)) {
            throw new InvalidModelException(Problem.SHAPE_MISMATCH,
                    layer + "." + role + ": shape " + t.shape() + " does not match the graph, expected " + expected);
        }
    }

    /** Parameter (threshold/weight) tensors: FP32 in float models, INT8 in int8 models. */
    static Precision param(String layer, String role, Tensor t) {
        return switch (t) {
            case F32Tensor f -> {
                finite(layer, role, f);
                yield Precision.FLOAT32;
            }
            case I8Tensor ignored -> Precision.INT8;
            case I32Tensor ignored -> throw new InvalidModelException(Problem.DTYPE_MISMATCH,
                    layer + "." + role + ": INT32 is only allowed for biases of int8 models");
        };
    }

    /** Bias tensors: FP32 in float models, INT32 in int8 models. */
    static void bias(String layer, Tensor bias, Precision precision) {
        switch (bias) {
            case F32Tensor f when precision == Precision.FLOAT32 -> finite(layer, "bias", f);
            case I32Tensor ignored when precision == Precision.INT8 -> {
            }
            default -> throw new InvalidModelException(Problem.DTYPE_MISMATCH, layer + ".bias: dtype "
                    + bias.elementType() + " does not match a " + precision + " layer (FP32 for float, INT32 for int8)");
        }
    }

    static void signs(String layer, Tensor signs) {
        if (!(signs instanceof I8Tensor s)) {
            throw new InvalidModelException(Problem.DTYPE_MISMATCH,
                    layer + ".signs: dtype must be INT8, got " + signs.elementType());
        }
        for (int i = 0; i < s.size(); i++) {
            byte v = s.get(i);
            if (v < -1 || v > 1) {
                throw new InvalidModelException(Problem.BAD_SIGN,
                        layer + ".signs[" + i + "] = " + v + "; signs must be -1, 0 or +1");
            }
        }
    }

    static void finite(String layer, String role, F32Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (!Float.isFinite(t.get(i))) {
                throw new InvalidModelException(Problem.NON_FINITE,
                        layer + "." + role + "[" + i + "] = " + t.get(i) + "; parameters must be finite");
            }
        }
    }

    static void samePrecision(String layer, Precision a, Precision b) {
        if (a != b) {
            throw new InvalidModelException(Problem.DTYPE_MISMATCH,
                    layer + ": parameter tensors mix " + a + " and " + b);
        }
    }

    static InvalidModelException chain(String layer, String why) {
        return new InvalidModelException(Problem.SHAPE_CHAIN, layer + ": " + why);
    }
}
