package io.tnet.service.web;

import io.tnet.service.ServiceException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to {@code {"error": "..."}}: {@link ServiceException} by its status, Spring MVC's
 * own request errors to their 4xx, and anything else to 500 (logged: a 500 is a bug).
 */
@RestControllerAdvice
public class OipErrorAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(OipErrorAdvice.class);

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Map<String, String>> service(ServiceException e) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status().http()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == ServiceException.Status.UNAUTHORIZED) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return b.body(body(e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type " + e.getContentType()
                + " (use application/json, or application/octet-stream with Inference-Header-Content-Length)");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "malformed request body: " + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler({MissingRequestHeaderException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> badArgument(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> noResource(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "no such endpoint: /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> bug(Exception e) {
        LOG.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(message));
    }

    private static Map<String, String> body(String message) {
        return Map.of("error", message == null ? "unknown error" : message);
    }
}
