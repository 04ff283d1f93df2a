package io.tnet.service.web;

import io.tnet.service.ServiceException;

/** Parsing of the {@code {version}} path segment shared by the OIP endpoints. */
public final class ModelPaths {

    private ModelPaths() {
    }

    /** A positive integer version; 400 otherwise. */
    public static int version(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ServiceException.badRequest("model version must be a positive integer, got '" + text + "'");
    }
}
