package io.tnet.service.models;

import io.tnet.model.Model;
import java.util.List;

/**
 * Where the service finds models: a model repository ({@code <repo>/<model>/<version>/model.safetensors}
 * plus optional {@code config.json}). Implementations must be thread-safe; {@link #publish} must be
 * atomic (a reader sees the old state or the complete new file, never a partial one).
 */
public interface ModelSource {

    /** Human description, e.g. the repository path. */
    String describe();

    /** Model names present, sorted. */
    List<String> listModels();

    /** Versions of {@code model} present, ascending; empty if the model is absent. */
    List<Integer> versions(String model);

    /**
     * Reads and validates one version.
     *
     * @throws io.tnet.model.InvalidModelException when the file is not a valid model
     */
    Model load(String model, int version);

    /** The model's settings from its {@code config.json}, or defaults. */
    ModelSettings settings(String model);

    /** Parses and validates model bytes without storing them (upload check). */
    Model parse(byte[] bytes);

    /** Stores {@code bytes} as {@code model/version} atomically. */
    void publish(String model, int version, byte[] bytes);
}
