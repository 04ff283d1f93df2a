package io.tnet.service.backend;

import java.util.Objects;

/**
 * Whether a backend can take work, and if not, why (shown as {@code "unavailable: <reason>"}).
 *
 * @param available true when the backend can run requests now
 * @param reason    empty when available, otherwise a short human-readable cause
 */
public record Availability(boolean available, String reason) {

    private static final Availability UP = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability up() {
        return UP;
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    /** {@code "available"} or {@code "unavailable: <reason>"}. */
    public String describe() {
        return available ? "available" : "unavailable: " + reason;
    }
}
