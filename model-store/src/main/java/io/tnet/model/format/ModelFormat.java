package io.tnet.model.format;

/**
 * Names fixed by the model file format (see {@code docs/model-format.md}): a safetensors file whose
 * {@code __metadata__} holds the network graph as a JSON string under {@link #GRAPH_KEY}.
 */
public final class ModelFormat {

    /** The safetensors header key of the string-to-string metadata map. */
    public static final String METADATA_KEY = "__metadata__";

    /** The metadata key holding the graph JSON; every other metadata entry is free-form model metadata. */
    public static final String GRAPH_KEY = "tnet.graph";

    /** Conventional file name inside a repository version directory. */
    public static final String FILE_NAME = "model.safetensors";

    private ModelFormat() {
    }
}
