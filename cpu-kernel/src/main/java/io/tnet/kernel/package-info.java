/**
 * CPU kernels for threshold networks on the JDK Vector API.
 *
 * <p>{@link io.tnet.kernel.CpuKernel} owns a bounded worker pool; {@link io.tnet.kernel.CpuKernel#compile}
 * repacks a {@link io.tnet.model.Model}'s parameters once into the layout the kernels want and returns a
 * thread-safe {@link io.tnet.kernel.CompiledNetwork}. Int8 results are bit-exact with
 * {@link io.tnet.model.reference.ReferenceEvaluator}; float results agree within the tolerance stated in
 * {@code docs/benchmarks.md} ("Float tolerance"). The lane width is chosen at run time
 * ({@link io.tnet.kernel.Simd}); every width, and the scalar fallback, computes the same int8 bits.
 */
package io.tnet.kernel;
