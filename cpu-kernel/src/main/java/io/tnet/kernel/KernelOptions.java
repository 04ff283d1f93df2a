package io.tnet.kernel;

/**
 * Settings of a {@link CpuKernel}.
 *
 * <p>{@code threads} is the most threads that work on one call: the calling thread plus
 * {@code threads - 1} pool threads shared by all calls on the kernel. {@code 1} means no pool at all.
 *
 * @param threads threads per call, 1 to 256
 * @param simd    instruction width, {@link Simd#AUTO} unless testing or benchmarking a narrower path
 */
public record KernelOptions(int threads, Simd simd) {

    public KernelOptions {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        if (simd == null) {
            throw new IllegalArgumentException("simd must not be null (use Simd.AUTO)");
        }
    }

    /** All available processors, preferred vector width. */
    public static KernelOptions defaults() {
        return new KernelOptions(Runtime.getRuntime().availableProcessors(), Simd.AUTO);
    }

    /** One thread (no pool), preferred vector width. */
    public static KernelOptions singleThreaded() {
        return new KernelOptions(1, Simd.AUTO);
    }

    /** Same settings with another thread count. */
    public KernelOptions withThreads(int n) {
        return new KernelOptions(n, simd);
    }

    /** Same settings with another instruction width. */
    public KernelOptions withSimd(Simd s) {
        return new KernelOptions(threads, s);
    }
}
