/**
 * The accelerator generator: accelerator configuration -> intermediate representation
 * ({@link io.tnet.fpga.gen.AcceleratorDesign}) -> pure emitters (Verilog, C header, manifest) -> one
 * writer ({@link io.tnet.fpga.gen.DesignWriter}) that touches disk.
 *
 * <p>The register map ({@link io.tnet.fpga.gen.RegisterMap}), the memory map
 * ({@link io.tnet.fpga.gen.MemoryMap}) and the layer descriptor format
 * ({@link io.tnet.fpga.gen.Descriptor}) are defined here once; the Verilog localparams, the C header
 * and {@code manifest.json} are emitted from these classes, and {@code docs/hardware.md} tabulates them.
 * {@link io.tnet.fpga.gen.ModelPacker} turns an INT8 {@link io.tnet.model.Model} into the byte images
 * the host writes into the accelerator's on-card buffers, or refuses it with reasons.
 */
package io.tnet.fpga.gen;
