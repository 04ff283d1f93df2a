package io.tnet.service.backend;

import java.util.Objects;

/**
 * Whether a backend can run a given model, with the reason when it cannot (e.g. "layer conv1: Conv2d
 * is not supported by the accelerator").
 *
 * @param compatible true when the backend can run the model
 * @param reason     empty when compatible, otherwise a short human-readable cause
 */
public record Compatibility(boolean compatible, String reason) {

    private static final Compatibility YES = new Compatibility(true, "");

    public Compatibility {
        Objects.requireNonNull(reason, "reason");
    }

    public static Compatibility yes() {
        return YES;
    }

    public static Compatibility no(String reason) {
        return new Compatibility(false, reason);
    }
}
