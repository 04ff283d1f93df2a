package io.tnet.service.models;

import io.tnet.service.ServiceException;
import io.tnet.service.ServiceException.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Bearer-token checks for model management (and inference when {@code tnet.models.auth.protect-inference}).
 * The token comes from {@code tnet.models.auth.token} or the file {@code tnet.models.auth.token-file}
 * (read at start). Comparison is constant-time.
 */
@Component
public class BearerAuth {

    private final byte[] token;
    private final boolean protectInference;

    public BearerAuth(ModelsProperties properties) {
        ModelsProperties.Auth auth = properties.auth();
        String t = auth.token();
        if (auth.tokenFile() != null) {
            try {
                t = Files.readString(auth.tokenFile()).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("tnet.models.auth.token-file: cannot read " + auth.tokenFile(), e);
            }
        }
        this.token = t == null || t.isBlank() ? null : t.getBytes(StandardCharsets.UTF_8);
        this.protectInference = auth.protectInference();
        if (protectInference && token == null) {
            throw new IllegalStateException("tnet.models.auth.protect-inference=true needs tnet.models.auth.token "
                    + "or tnet.models.auth.token-file");
        }
    }

    /** True when a token is configured. */
    public boolean configured() {
        return token != null;
    }

    /** Uploads: always need the token; refused (403) when none is configured. */
    public void requireForUpload(String authorization) {
        if (token == null) {
            throw new ServiceException(Status.FORBIDDEN, "model upload is disabled: set tnet.models.auth.token "
                    + "(or tnet.models.auth.token-file) to enable it");
        }
        check(authorization);
    }

    /** Load/unload: need the token when one is configured. */
    public void requireForManagement(String authorization) {
        if (token != null) {
            check(authorization);
        }
    }

    /** Inference and metadata: need the token only with protect-inference. */
    public void requireForInference(String authorization) {
        if (protectInference) {
            check(authorization);
        }
    }

    private void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ServiceException(Status.UNAUTHORIZED, "missing bearer token (Authorization: Bearer <token>)");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ServiceException(Status.UNAUTHORIZED, "invalid bearer token");
        }
    }
}
