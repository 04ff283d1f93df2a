package io.tnet.kernel;

import jdk.incubator.vector.ByteVector;

/**
 * Resolves vector widths in one place, so that a JVM started without {@code --add-modules
 * jdk.incubator.vector} fails only here (and {@link Simd#AUTO} falls back to scalar).
 */
final class VectorSupport {

    private VectorSupport() {
    }

    static Lanes lanes(int bits) {
        try {
            return switch (bits) {
                case 512 -> Simd512.INSTANCE;
                case 256 -> Simd256.INSTANCE;
                case 128 -> Simd128.INSTANCE;
                default -> throw new IllegalArgumentException("no " + bits + "-bit lanes");
            };
        } catch (LinkageError e) {
            throw new IllegalStateException("the Vector API is not available; start the JVM with "
                    + "--add-modules jdk.incubator.vector or use Simd.SCALAR", e);
        }
    }

    /** The JVM's preferred width (64-bit or absent vector support: scalar). */
    static Lanes preferred() {
        try {
            int bits = ByteVector.SPECIES_PREFERRED.vectorBitSize();
            return bits >= 512 ? Simd512.INSTANCE : bits >= 256 ? Simd256.INSTANCE
                    : bits >= 128 ? Simd128.INSTANCE : ScalarLanes.INSTANCE;
        } catch (LinkageError e) {
            return ScalarLanes.INSTANCE;
        }
    }
}
