package io.tnet.service.backend;

/**
 * A backend could not prepare a model or run a batch. The message is operator-facing; a failure during
 * {@link PreparedModel#run} lets the service fall back to another backend (circuit breaker).
 */
public class BackendException extends RuntimeException {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
