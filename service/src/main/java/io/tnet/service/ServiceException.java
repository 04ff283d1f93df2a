package io.tnet.service;

/**
 * A request the service refuses or cannot complete, with the Open Inference Protocol status it maps to.
 * Thrown by every feature; the one error mapping ({@link io.tnet.service.web.OipErrorAdvice}) renders
 * it as {@code {"error": message}} with {@link Status#http()}.
 */
public class ServiceException extends RuntimeException {

    /** Why a request failed, with its HTTP status. */
    public enum Status {
        BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409),
        PAYLOAD_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415), TOO_MANY_REQUESTS(429),
        INTERNAL(500), UNAVAILABLE(503);

        private final int http;

        Status(int http) {
            this.http = http;
        }

        public int http() {
            return http;
        }
    }

    private final Status status;

    public ServiceException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public ServiceException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(Status.BAD_REQUEST, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Status.NOT_FOUND, message);
    }

    public static ServiceException unavailable(String message) {
        return new ServiceException(Status.UNAVAILABLE, message);
    }
}
