/**
 * The {@code fpga} backend: models run on the project's accelerator through the C driver and JNA
 * ({@link io.tnet.fpga.FpgaDevice}), on a real card ({@code xdma:}), the Verilated RTL ({@code sim:})
 * or the C model ({@code mock:}). Reports itself unavailable, with the reason, where the native
 * library, Verilator or the device is missing, so the service keeps serving on the CPU.
 */
package io.tnet.service.backend.fpga;
