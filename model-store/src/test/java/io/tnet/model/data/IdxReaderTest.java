package io.tnet.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IdxReaderTest {

    static byte[] idxUbyte(int[] dims, int[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(0x08);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
            g.write(b);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedUnsignedBytes() throws IOException {
        byte[] raw = idxUbyte(new int[] {2, 2, 3}, new int[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255});
        for (byte[] file : new byte[][] {raw, gzip(raw)}) {
            IdxReader.IdxArray a = IdxReader.read(new ByteArrayInputStream(file), "t");
            assertThat(a.dims()).containsExactly(2, 2, 3);
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.values()).containsExactly(0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);
        }
    }

    @Test
    void readsFloatArrays() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x0D, 1});
        out.writeInt(2);
        out.writeFloat(1.5f);
        out.writeFloat(-2.25f);
        assertThat(IdxReader.read(new ByteArrayInputStream(bytes.toByteArray()), "f").values()).containsExactly(1.5f, -2.25f);
    }

    @Test
    void rejectsBadMagicTruncationAndUnknownTypes() throws IOException {
        byte[] good = idxUbyte(new int[] {4}, new int[] {1, 2, 3, 4});
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(truncated), "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        byte[] magic = good.clone();
        magic[0] = 1;
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(magic), "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("not an IDX file");
        byte[] type = good.clone();
        type[2] = 0x07;
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(type), "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown IDX type");
        byte[] huge = idxUbyte(new int[] {100000, 100000}, new int[0]);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(huge), "t"))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }
}
