package io.tnet.kernel;

/**
 * Which instruction width the kernels use. {@link #AUTO} picks the JVM's preferred Vector API species at
 * run time (512 bits on AVX-512, 256 on AVX2, 128 on NEON/SSE) and falls back to {@link #SCALAR} when the
 * {@code jdk.incubator.vector} module is not available. The forced widths exist so that the narrower code
 * paths can be tested (and benchmarked) on a wide machine; forcing a width wider than the hardware is
 * correct but slow (the Vector API then emulates it).
 */
public enum Simd {
    /** The preferred species of this JVM and CPU, or scalar if the Vector API is unavailable. */
    AUTO,
    /** 512-bit vectors (64 int8 lanes). */
    BITS_512,
    /** 256-bit vectors (32 int8 lanes). */
    BITS_256,
    /** 128-bit vectors (16 int8 lanes). */
    BITS_128,
    /** Plain Java loops, no Vector API at all. */
    SCALAR
}
