package io.tnet.service.backend;

import io.tnet.model.Model;

/**
 * A compute backend that can run threshold-network models: the service's plug-in point for the CPU
 * kernel and the FPGA accelerator.
 *
 * <p>Lifecycle: the model manager asks {@link #availability()} and {@link #compatibility(Model)}, then
 * calls {@link #prepare(Model)} once per loaded model version and closes the returned
 * {@link PreparedModel} when that version is retired (after its in-flight requests finished).
 * Implementations must be thread-safe; {@link #availability()} is polled (metrics, health, dispatch)
 * and must be cheap and never throw.
 *
 * <p>Register an implementation as a Spring bean (e.g. {@code @Component}) in a sub-package of
 * {@code io.tnet.service.backend}; {@link #name()} is what {@code config.json}'s {@code "backend"} names.
 */
public interface InferenceBackend {

    /** Stable lower-case name used in configuration, responses and metric labels, e.g. {@code "cpu"}, {@code "fpga"}. */
    String name();

    /**
     * Whether this backend can take work now (device present, library loaded, healthy). A backend that
     * cannot run at all reports {@link Availability#unavailable(String)} with a human reason instead of
     * failing the service.
     */
    Availability availability();

    /** Whether this backend can run {@code model} (layer kinds, precision, sizes), with the reason if not. */
    Compatibility compatibility(Model model);

    /**
     * Prepares {@code model} for execution (repacks parameters, uploads them to a device...).
     *
     * @throws BackendException if the model cannot be prepared; the message is shown to operators
     */
    PreparedModel prepare(Model model);
}
