/**
 * The backend SPI: what a compute backend (CPU kernel, FPGA accelerator) offers the service.
 *
 * <p>A backend is a Spring bean implementing {@link io.tnet.service.backend.InferenceBackend}; the
 * service discovers every such bean and dispatches to it by {@link io.tnet.service.backend.InferenceBackend#name()}.
 * Sub-packages hold the implementations ({@code cpu} here, {@code fpga} from the driver work).
 */
package io.tnet.service.backend;
