package io.tnet.model;

import java.util.Objects;

/**
 * The one error the model library raises for a model that is malformed, inconsistent or over a
 * limit. {@link #problem()} says which check failed so callers (HTTP layer, CLI) can map it; the
 * message says where and why in words a model author can act on.
 */
public final class InvalidModelException extends RuntimeException {

    /** Which check a model failed. */
    public enum Problem {
        BAD_HEADER_LENGTH,
        HEADER_TOO_LARGE,
        BAD_HEADER_JSON,
        TRUNCATED,
        BAD_OFFSETS,
        OVERLAPPING_TENSORS,
        MISSING_TENSOR,
        UNEXPECTED_TENSOR,
        DTYPE_MISMATCH,
        SHAPE_MISMATCH,
        NON_FINITE,
        BAD_SIGN,
        UNKNOWN_LAYER_KIND,
        UNSUPPORTED_VERSION,
        SHAPE_CHAIN,
        MODEL_TOO_LARGE,
        ACCUMULATOR_RANGE,
        MISSING_FIELD,
        BAD_VALUE,
        IO
    }

    private final Problem problem;

    public InvalidModelException(Problem problem, String message) {
        super(Objects.requireNonNull(problem) + ": " + message);
        this.problem = problem;
    }

    public InvalidModelException(Problem problem, String message, Throwable cause) {
        super(Objects.requireNonNull(problem) + ": " + message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
