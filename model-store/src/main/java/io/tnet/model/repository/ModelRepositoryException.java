package io.tnet.model.repository;

import java.util.Objects;

/**
 * A repository operation failed for a reason other than an invalid model file (that is an
 * {@link io.tnet.model.InvalidModelException}). {@link #reason()} lets the HTTP layer pick a status:
 * {@code INVALID_NAME} and {@code BAD_CONFIG} are the client's or operator's to fix, {@code NOT_FOUND}
 * is a 404, {@code IO} a server error.
 */
public final class ModelRepositoryException extends RuntimeException {

    /** Why the operation failed. */
    public enum Reason {
        /** A model name or version that is not allowed (traversal, absolute, too long, not a positive int). */
        INVALID_NAME,
        /** The model or version does not exist. */
        NOT_FOUND,
        /** {@code config.json} is malformed or has an invalid value. */
        BAD_CONFIG,
        /** The file system failed. */
        IO
    }

    private final Reason reason;

    public ModelRepositoryException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public ModelRepositoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
