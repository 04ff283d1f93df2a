package io.tnet.model.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of the MNIST family: two zero bytes, a type code, the number of dimensions,
 * the dimensions as big-endian int32, then the values big-endian. Gzip-compressed files are recognised
 * by their magic bytes, whatever their name.
 */
public final class IdxReader {

    /** Refuse files claiming more values than this; a corrupt header must not allocate gigabytes. */
    public static final long MAX_VALUES = 1L << 28;

    private IdxReader() {
    }

    /** A decoded IDX array: dimensions and all values widened to float (ubyte values stay 0..255). */
    public record IdxArray(int[] dims, float[] values) {

        /** Number of entries along the first dimension. */
        public int count() {
            return dims[0];
        }
    }

    public static IdxArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads one IDX array from {@code raw} (plain or gzip); {@code what} names it in errors. */
    public static IdxArray read(InputStream raw, String what) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered), 1 << 16) : buffered;
        DataInputStream data = new DataInputStream(in);
        try {
            int z0 = data.readUnsignedByte();
            int z1 = data.readUnsignedByte();
            int type = data.readUnsignedByte();
            int rank = data.readUnsignedByte();
            if (z0 != 0 || z1 != 0) {
                throw new IOException(what + ": not an IDX file (magic must start with two zero bytes)");
            }
            if (rank < 1 || rank > 8) {
                throw new IOException(what + ": IDX rank " + rank + " outside 1..8");
            }
            int[] dims = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 1) {
                    throw new IOException(what + ": IDX dimension " + i + " is " + dims[i]);
                }
                n *= dims[i];
                if (n > MAX_VALUES) {
                    throw new IOException(what + ": IDX array larger than " + MAX_VALUES + " values");
                }
            }
            float[] values = new float[(int) n];
            switch (type) {
                case 0x08 -> {
                    byte[] buf = new byte[values.length];
                    data.readFully(buf);
                    for (int i = 0; i < buf.length; i++) {
                        values[i] = buf[i] & 0xff;
                    }
                }
                case 0x09 -> {
                    byte[] buf = new byte[values.length];
                    data.readFully(buf);
                    for (int i = 0; i < buf.length; i++) {
                        values[i] = buf[i];
                    }
                }
                case 0x0B -> { for (int i = 0; i < values.length; i++) { values[i] = data.readShort(); } }
                case 0x0C -> { for (int i = 0; i < values.length; i++) { values[i] = data.readInt(); } }
                case 0x0D -> { for (int i = 0; i < values.length; i++) { values[i] = data.readFloat(); } }
                case 0x0E -> { for (int i = 0; i < values.length; i++) { values[i] = (float) data.readDouble(); } }
                default -> throw new IOException(what + ": unknown IDX type code 0x" + Integer.toHexString(type));
            }
            return new IdxArray(dims, values);
        } catch (EOFException e) {
            throw new IOException(what + ": truncated IDX data", e);
        }
    }
}
