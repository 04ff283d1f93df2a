package io.tnet.fpga.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA direct mapping of {@code tnet_driver.h}: one static native method per C function, C names kept.
 *
 * <p>Binding happens in the static initializer, so the first touch of this class either succeeds or
 * throws {@link UnsatisfiedLinkError}/{@link NoClassDefFoundError}; {@link io.tnet.fpga.NativeDriver}
 * is the only caller and turns that into "unavailable: reason". The library is searched for by JNA
 * ({@code jna.library.path}, then the class path under {@code linux-<arch>/}); the system property
 * {@code tnet.fpga.library} names an explicit file instead.
 *
 * <p>{@code uint32_t}/{@code int32_t} map to {@code int}, {@code uint64_t} to {@code long}; buffers are
 * Java arrays (copied by JNA for the duration of the call). Thread-safety is the C library's (see the
 * header): every function may be called from any thread.
 */
public final class TnDriver {

    /** ABI version this binding was written against ({@code TN_ABI_VERSION}). */
    public static final int ABI_VERSION = 1;

    /** Library name as JNA resolves it. */
    public static final String LIBRARY = "tnet_driver";

    static {
        String explicit = System.getProperty("tnet.fpga.library");
        Native.register(TnDriver.class, explicit != null && !explicit.isBlank() ? explicit : LIBRARY);
    }

    private TnDriver() {
    }

    public static native int tn_abi_version();

    public static native String tn_strerror(int status);

    public static native int tn_open(String uri, PointerByReference out);

    public static native int tn_open_error(byte[] buf, int len);

    public static native int tn_close(Pointer dev);

    public static native int tn_transport_name(Pointer dev, byte[] buf, int len);

    public static native int tn_last_error(Pointer dev, byte[] buf, int len);

    public static native int tn_reg_read(Pointer dev, int offset, int[] value);

    public static native int tn_reg_write(Pointer dev, int offset, int value);

    public static native int tn_mem_write(Pointer dev, long cardAddr, byte[] src, long len);

    public static native int tn_mem_read(Pointer dev, long cardAddr, byte[] dst, long len);

    public static native int tn_check_identity(Pointer dev, int expectedHash);

    public static native int tn_wait_irq(Pointer dev, int timeoutMs);

    public static native int tn_run(Pointer dev, int numLayers, int batch, int timeoutMs, long[] stats);

    public static native int tn_infer(Pointer dev, long inAddr, byte[] in, long inLen, long outAddr, byte[] out,
                                      long outLen, int numLayers, int batch, int timeoutMs, long[] stats);
}
