package io.tnet.fpga;

import io.tnet.fpga.jna.NativeDevice;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One open accelerator, through any transport of the C driver ({@code xdma:}, {@code sim:},
 * {@code mock:}). The only owner of its native handle: {@link #close()} releases it (idempotent); a
 * {@link Cleaner} releases it too if the object is dropped unclosed, as a safety net only.
 *
 * <p>Thread-safe. Register, memory and run calls may come from any thread; the C library serializes
 * them per handle and {@link #infer} is atomic (write inputs, run, read outputs). {@link #close()}
 * waits for calls in flight and makes later calls fail with a {@link FpgaException}.
 */
public final class FpgaDevice implements AutoCloseable {

    /** Region names in the order of the base/size register pairs from {@link #REG_DESC_BASE}. */
    public static final List<String> REGION_NAMES = List.of("DESC", "THR", "SGN", "BIAS", "IN", "OUT");

    static final int REG_ID = 0x10, REG_VERSION = 0x14, REG_CAPS = 0x18, REG_MANIFEST_HASH = 0x1C,
            REG_MAX_INPUTS = 0x40, REG_MAX_OUTPUTS = 0x44, REG_MAX_LAYERS = 0x48, REG_CLOCK_MHZ = 0x4C,
            REG_DESC_BASE = 0x50;
    private static final int CAPS_DENSE_MI = 1 << 17;

    private static final Cleaner CLEANER = Cleaner.create();

    private final NativeDevice device;
    private final DeviceInfo info;
    private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
    private final Cleaner.Cleanable cleanable;
    private boolean closed;
    /** Serializes model uploads and inferences that depend on which model is resident (see FpgaModel). */
    final ReentrantLock residency = new ReentrantLock();
    /** The model whose parameter images are in card memory, or null. Guarded by {@link #residency}. */
    Object residentModel;

    private FpgaDevice(NativeDevice device, String uri) {
        this.device = device;
        this.cleanable = CLEANER.register(this, device::close);
        try {
            this.info = readInfo(uri);
        } catch (RuntimeException e) {
            cleanable.clean();
            throw e;
        }
    }

    /**
     * Opens a device without checking the manifest hash.
     *
     * @throws FpgaException if the library is unavailable or the device cannot be opened
     */
    public static FpgaDevice open(String uri) {
        return open(uri, 0);
    }

    /**
     * Opens a device and refuses it unless its MANIFEST_HASH register equals {@code expectedHash}
     * ({@code 0}: no check).
     */
    public static FpgaDevice open(String uri, int expectedHash) {
        NativeDriver.require();
        NativeDevice.OpenResult r = NativeDevice.open(uri);
        if (r.device() == null) {
            throw new FpgaException(r.status(), "cannot open " + uri + ": " + NativeDevice.strerror(r.status())
                    + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
        }
        FpgaDevice d = new FpgaDevice(r.device(), uri);
        if (expectedHash != 0) {
            try {
                d.check(d.device.checkIdentity(expectedHash), "identity check");
            } catch (FpgaException e) {
                d.close();
                throw e;
            }
        }
        return d;
    }

    /** What the device reported at open. */
    public DeviceInfo info() {
        return info;
    }

    /** Reads a 32-bit register. */
    public int readRegister(int offset) {
        return call(() -> {
            int[] v = new int[1];
            check(device.regRead(offset, v), "read register 0x" + Integer.toHexString(offset));
            return v[0];
        });
    }

    /** Writes a 32-bit register. */
    public void writeRegister(int offset, int value) {
        call(() -> check(device.regWrite(offset, value), "write register 0x" + Integer.toHexString(offset)));
    }

    /** Writes bytes to card memory. */
    public void writeMemory(long cardAddress, byte[] data) {
        call(() -> check(device.memWrite(cardAddress, data), "write " + data.length + " bytes at 0x"
                + Long.toHexString(cardAddress)));
    }

    /** Reads bytes from card memory. */
    public byte[] readMemory(long cardAddress, int length) {
        return call(() -> {
            byte[] b = new byte[length];
            check(device.memRead(cardAddress, b), "read " + length + " bytes at 0x" + Long.toHexString(cardAddress));
            return b;
        });
    }

    /**
     * Runs the loaded descriptors once.
     *
     * @throws FpgaException {@code ETIMEDOUT} if no completion within {@code timeout}, {@code EDEVICE}
     *                       if the ERROR register is set
     */
    public RunStats run(int numLayers, int batch, Duration timeout) {
        return call(() -> {
            long[] s = new long[4];
            check(device.run(numLayers, batch, millis(timeout), s), "run");
            return stats(s, batch);
        });
    }

    /** Atomic write-inputs, run, read-outputs (fills {@code out}). */
    public RunStats infer(long inAddress, byte[] in, long outAddress, byte[] out, int numLayers, int batch,
                          Duration timeout) {
        return call(() -> {
            long[] s = new long[4];
            check(device.infer(inAddress, in, outAddress, out, numLayers, batch, millis(timeout), s), "inference");
            return stats(s, batch);
        });
    }

    /** Closes the device; waits for calls in flight. Idempotent. */
    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                cleanable.clean();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        closeLock.readLock().lock();
        try {
            return closed;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "FpgaDevice[" + info.uri() + ", PE=" + info.pe() + ", SIMD=" + info.simd() + "]";
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> c) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new FpgaException(FpgaException.EJAVA, "device " + info.uri() + " is closed");
            }
            return c.run();
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private Void check(int status, String what) {
        if (status != 0) {
            String detail = device.lastError();
            throw new FpgaException(status, what + " on " + (info != null ? info.uri() : "device") + ": "
                    + NativeDevice.strerror(status) + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
        return null;
    }

    private static int millis(Duration timeout) {
        long ms = timeout.toMillis();
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout out of range: " + timeout);
        }
        return (int) ms;
    }

    private static RunStats stats(long[] s, int batch) {
        return new RunStats(s[0], s[1], (int) s[2], s[3], batch);
    }

    private DeviceInfo readInfo(String uri) {
        int[] v = new int[1];
        List<Integer> regs = new ArrayList<>();
        int[] offsets = {REG_VERSION, REG_CAPS, REG_MANIFEST_HASH, REG_MAX_INPUTS, REG_MAX_OUTPUTS, REG_MAX_LAYERS,
                REG_CLOCK_MHZ};
        for (int off : offsets) {
            check(device.regRead(off, v), "read register 0x" + Integer.toHexString(off));
            regs.add(v[0]);
        }
        List<DeviceInfo.Region> regions = new ArrayList<>();
        for (int i = 0; i < REGION_NAMES.size(); i++) {
            int[] base = new int[1], size = new int[1];
            check(device.regRead(REG_DESC_BASE + 8 * i, base), "read region base");
            check(device.regRead(REG_DESC_BASE + 8 * i + 4, size), "read region size");
            regions.add(new DeviceInfo.Region(REGION_NAMES.get(i), Integer.toUnsignedLong(base[0]),
                    Integer.toUnsignedLong(size[0])));
        }
        int version = regs.get(0), caps = regs.get(1);
        return new DeviceInfo(device.transportName(), uri, version >>> 16, version & 0xFFFF, caps & 0xFF,
                (caps >>> 8) & 0xFF, ((caps >>> 20) & 0xF) + 16, (caps >>> 24) & 0xFF, (caps & CAPS_DENSE_MI) != 0,
                regs.get(2), regs.get(3), regs.get(4), regs.get(5), regs.get(6), regions);
    }
}
