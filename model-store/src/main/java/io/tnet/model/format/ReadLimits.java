package io.tnet.model.format;

/**
 * Size limits the {@link ModelReader} enforces before it allocates anything for a file, so that a
 * hostile or broken file is rejected with an {@link io.tnet.model.InvalidModelException} instead
 * of exhausting memory.
 *
 * @param maxHeaderBytes        largest safetensors JSON header accepted ({@code HEADER_TOO_LARGE} above)
 * @param maxModelBytes         largest whole file accepted ({@code MODEL_TOO_LARGE} above); at most
 *                              {@link #MAX_MODEL_BYTES} because the file is held in one array
 * @param maxActivationElements largest per-sample tensor any layer may produce, the input included
 *                              ({@code MODEL_TOO_LARGE} above); bounds the memory one inference needs,
 *                              which the file size alone does not (a tiny file may declare a huge input)
 */
public record ReadLimits(long maxHeaderBytes, long maxModelBytes, long maxActivationElements) {

    /** Hard ceiling for {@code maxModelBytes}: the largest Java byte array. */
    public static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - 8;

    /** Default per-sample activation limit: 16 Mi elements (64 MiB as float). */
    public static final long DEFAULT_MAX_ACTIVATION_ELEMENTS = 16L << 20;

    /**
     * 8 MiB header (a graph with thousands of layers and labels fits), 512 MiB file, 16 Mi activation
     * elements per sample (64 MiB as float).
     */
    public static final ReadLimits DEFAULTS = new ReadLimits(8L << 20, 512L << 20, DEFAULT_MAX_ACTIVATION_ELEMENTS);

    public ReadLimits {
        if (maxHeaderBytes < 2 || maxModelBytes < 10 || maxModelBytes > MAX_MODEL_BYTES || maxActivationElements < 1) {
            throw new IllegalArgumentException("read limits out of range: maxHeaderBytes " + maxHeaderBytes
                    + " (>= 2), maxModelBytes " + maxModelBytes + " (10.." + MAX_MODEL_BYTES
                    + "), maxActivationElements " + maxActivationElements + " (>= 1)");
        }
    }

    /** Limits on header and file size with the default activation limit. */
    public ReadLimits(long maxHeaderBytes, long maxModelBytes) {
        this(maxHeaderBytes, maxModelBytes, DEFAULT_MAX_ACTIVATION_ELEMENTS);
    }
}
