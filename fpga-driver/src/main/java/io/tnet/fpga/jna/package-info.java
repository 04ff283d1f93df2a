/**
 * JNA bindings of the C driver library ({@code libtnet_driver}), nothing else: C names kept exactly,
 * no logic. Only this package touches {@code com.sun.jna} (an ArchUnit test keeps it so); the public
 * API in {@link io.tnet.fpga} never exposes JNA types.
 */
package io.tnet.fpga.jna;
