package io.tnet.service.backend;

import io.tnet.model.Model;

/**
 * One model version made ready on one backend; runs batches of raw client inputs.
 *
 * <p>Thread-safe: the service may call {@link #run(float[], int)} from several threads at once (one
 * batching worker per model version, or request threads when batching is off). Owned by the model
 * manager, which calls {@link #close()} exactly once, after the last {@code run} returned.
 */
public interface PreparedModel extends AutoCloseable {

    /** The model this handle runs. */
    Model model();

    /** Name of the backend that prepared it (the {@code backend} label of metrics). */
    String backend();

    /**
     * Runs {@code batch} samples. {@code raw} holds the samples' raw client values (before the model's
     * preprocessing), rows contiguous, {@code batch * model().input().shape().size()} floats. Returns
     * the logits, {@code batch * model().output().shape().size()} floats, plus what the batch cost.
     *
     * @throws BackendException when the backend failed to run the batch (device fault, timeout); the
     *                          service may retry it on another backend
     */
    BatchResult run(float[] raw, int batch);

    /** Bytes of parameters this handle keeps resident (host memory or device memory); informational. */
    long residentBytes();

    /** Releases what {@link #prepare} acquired. Idempotent. */
    @Override
    void close();
}
