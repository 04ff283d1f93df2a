/**
 * Java API of the FPGA accelerator: {@link io.tnet.fpga.FpgaDevice} (one open device, AutoCloseable),
 * {@link io.tnet.fpga.FpgaModel} (a model resident on a device), device info and run statistics records,
 * the single exception type {@link io.tnet.fpga.FpgaException} carrying the C driver's status, and
 * {@link io.tnet.fpga.NativeDriver}, the lazy holder that reports the native library as unavailable
 * (with the reason) instead of failing. Sub-packages: {@code gen} (generator, packer), {@code jna}
 * (bindings), {@code energy} (energy and power).
 */
package io.tnet.fpga;
