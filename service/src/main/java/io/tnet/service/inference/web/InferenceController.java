package io.tnet.service.inference.web;

import io.tnet.service.ServiceException;
import io.tnet.service.ServiceException.Status;
import io.tnet.service.inference.InferenceProperties;
import io.tnet.service.inference.InferenceResponse;
import io.tnet.service.inference.InferenceService;
import io.tnet.service.models.BearerAuth;
import io.tnet.service.web.ModelPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/models/{m}[/versions/{v}]/infer}: JSON requests ({@code application/json}) and the
 * binary tensor extension ({@code Inference-Header-Content-Length} header, typically
 * {@code application/octet-stream}). The body is read here, bounded by {@code tnet.inference.max-request-size}.
 */
@RestController
@Tag(name = "inference", description = "Open Inference Protocol v2 inference")
public class InferenceController {

    /** The binary tensor extension's header. */
    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private final InferenceService service;
    private final BearerAuth auth;
    private final long maxBytes;

    public InferenceController(InferenceService service, BearerAuth auth, InferenceProperties properties) {
        this.service = service;
        this.auth = auth;
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Operation(summary = "Infer on the newest serving version of a model")
    @PostMapping("/v2/models/{model}/infer")
    public ResponseEntity<byte[]> infer(@PathVariable String model, HttpServletRequest request,
                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return run(model, Optional.empty(), request, authorization);
    }

    @Operation(summary = "Infer on a specific version of a model")
    @PostMapping("/v2/models/{model}/versions/{version}/infer")
    public ResponseEntity<byte[]> inferVersion(@PathVariable String model, @PathVariable String version,
                                               HttpServletRequest request,
                                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return run(model, Optional.of(ModelPaths.version(version)), request, authorization);
    }

    private ResponseEntity<byte[]> run(String model, Optional<Integer> version, HttpServletRequest request,
                                       String authorization) {
        long start = System.nanoTime();
        auth.requireForInference(authorization);
        long headerLength = headerLength(request.getHeader(HEADER_LENGTH));
        InferenceResponse response = service.infer(model, version, () -> {
            checkContentType(request.getContentType(), headerLength >= 0);
            return readBody(request);
        }, headerLength, start);
        if (response.hasBinary()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header(HEADER_LENGTH, Integer.toString(response.jsonLength())).body(response.body());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response.body());
    }

    private static long headerLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest(HEADER_LENGTH + " must be a non-negative integer, got '" + value + "'");
        }
    }

    private static void checkContentType(String contentType, boolean binary) {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            throw new ServiceException(Status.UNSUPPORTED_MEDIA_TYPE, "unparsable content type '" + contentType + "'");
        }
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardType()) {
            return;
        }
        if (binary && MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(type)) {
            return;
        }
        throw new ServiceException(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported content type '" + contentType
                + "': use application/json, or application/octet-stream with " + HEADER_LENGTH);
    }

    private byte[] readBody(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new ServiceException(Status.PAYLOAD_TOO_LARGE, "request body of " + declared
                    + " bytes exceeds the limit of " + maxBytes + " (tnet.inference.max-request-size)");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) (declared >= 0 ? declared : maxBytes + 1));
            if (body.length > maxBytes) {
                throw new ServiceException(Status.PAYLOAD_TOO_LARGE, "request body exceeds the limit of " + maxBytes
                        + " bytes (tnet.inference.max-request-size)");
            }
            return body;
        } catch (IOException e) {
            throw ServiceException.badRequest("could not read the request body: " + e.getMessage());
        }
    }
}
