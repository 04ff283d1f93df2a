package io.tnet.service.metrics;

/** The {@code outcome} label of {@code tnet_inference_requests_total}: how a request for a known model ended. */
public enum Outcome {
    /** Answered with outputs (HTTP 200). */
    SUCCESS("success"),
    /** The request itself was wrong (HTTP 400, 413, 415). */
    BAD_REQUEST("bad_request"),
    /** The model's queue was full (HTTP 429). */
    REJECTED("rejected"),
    /** The request waited longer than its timeout (HTTP 503). */
    TIMEOUT("timeout"),
    /** The model or server was not ready or shutting down (HTTP 503). */
    UNAVAILABLE("unavailable"),
    /** A server-side failure (HTTP 500). */
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
