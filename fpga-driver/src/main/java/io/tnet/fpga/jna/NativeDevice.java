package io.tnet.fpga.jna;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * The transport adapter between {@link io.tnet.fpga.FpgaDevice} and the C handle: owns one
 * {@code tn_device *} and exposes the C calls with Java types only (statuses as returned by C).
 *
 * <p>Not thread-safe for {@link #close()}: the owner ({@code FpgaDevice}) guarantees that no call runs
 * while it closes (the C contract). All other methods may run concurrently (the C library locks).
 */
public final class NativeDevice {

    private Pointer handle;

    private NativeDevice(Pointer handle) {
        this.handle = handle;
    }

    /** Result of {@link #open(String)}: a device, or the failing status and the C library's reason. */
    public record OpenResult(NativeDevice device, int status, String reason) {
    }

    /** Opens a device; never throws for a C-level failure. */
    public static OpenResult open(String uri) {
        PointerByReference ref = new PointerByReference();
        int rc = TnDriver.tn_open(uri, ref);
        if (rc != 0) {
            byte[] buf = new byte[512];
            TnDriver.tn_open_error(buf, buf.length);
            return new OpenResult(null, rc, cString(buf));
        }
        return new OpenResult(new NativeDevice(ref.getValue()), 0, "");
    }

    /** {@code tn_abi_version()}. */
    public static int abiVersion() {
        return TnDriver.tn_abi_version();
    }

    /** {@code tn_strerror(status)}. */
    public static String strerror(int status) {
        return TnDriver.tn_strerror(status);
    }

    public String transportName() {
        byte[] buf = new byte[32];
        TnDriver.tn_transport_name(handle, buf, buf.length);
        return cString(buf);
    }

    public String lastError() {
        byte[] buf = new byte[512];
        TnDriver.tn_last_error(handle, buf, buf.length);
        return cString(buf);
    }

    /** Reads a register into {@code value[0]}; returns the status. */
    public int regRead(int offset, int[] value) {
        return TnDriver.tn_reg_read(handle, offset, value);
    }

    public int regWrite(int offset, int value) {
        return TnDriver.tn_reg_write(handle, offset, value);
    }

    public int memWrite(long cardAddr, byte[] src) {
        return TnDriver.tn_mem_write(handle, cardAddr, src, src.length);
    }

    public int memRead(long cardAddr, byte[] dst) {
        return TnDriver.tn_mem_read(handle, cardAddr, dst, dst.length);
    }

    public int checkIdentity(int expectedHash) {
        return TnDriver.tn_check_identity(handle, expectedHash);
    }

    public int waitIrq(int timeoutMs) {
        return TnDriver.tn_wait_irq(handle, timeoutMs);
    }

    /** {@code tn_run}; {@code stats} has at least 4 entries (cycles, ops, error, wall ns). */
    public int run(int numLayers, int batch, int timeoutMs, long[] stats) {
        return TnDriver.tn_run(handle, numLayers, batch, timeoutMs, stats);
    }

    /** {@code tn_infer}: write {@code in}, run, read {@code out.length} bytes. */
    public int infer(long inAddr, byte[] in, long outAddr, byte[] out, int numLayers, int batch, int timeoutMs,
                     long[] stats) {
        return TnDriver.tn_infer(handle, inAddr, in, in.length, outAddr, out, out.length, numLayers, batch,
                timeoutMs, stats);
    }

    /** Releases the C handle; idempotent. */
    public void close() {
        Pointer h = handle;
        handle = null;
        if (h != null) {
            TnDriver.tn_close(h);
        }
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
