package io.tnet.model.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads raw input samples for {@code tnet eval}: N samples of S values each (S = the model input's
 * element count), row-major (CHW per sample), from
 * <ul>
 *   <li>a NumPy {@code .npy} file (C order, little-endian or byte-sized dtype: f4, f8, u1, i1, i2, u2, i4,
 *       i8) whose element count is a multiple of S, e.g. shape {@code [N, 784]} or {@code [N, 1, 28, 28]};</li>
 *   <li>a JSON file holding numbers in (arbitrarily nested) arrays, flattened in order, e.g.
 *       {@code [0.0, 0.5, ...]} or {@code [[...], [...]]};</li>
 *   <li>a JSON Open Inference Protocol v2 request ({@code {"inputs": [{"data": [...], ...}]}}): the first
 *       input's {@code data}.</li>
 * </ul>
 * Values are the raw client values; the model's preprocessing is applied by the evaluator.
 */
final class InputFiles {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private InputFiles() {
    }

    /** The samples, {@code [N][sampleSize]}; throws {@link IllegalArgumentException} with a readable reason. */
    static float[][] read(Path file, int sampleSize) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        float[] values = startsWith(bytes, NPY_MAGIC) ? npy(bytes) : json(bytes);
        if (values.length == 0 || values.length % sampleSize != 0) {
            throw new IllegalArgumentException(file + " holds " + values.length + " values; the model takes samples of "
                    + sampleSize + " values, so the count must be a positive multiple of " + sampleSize);
        }
        float[][] samples = new float[values.length / sampleSize][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = java.util.Arrays.copyOfRange(values, i * sampleSize, (i + 1) * sampleSize);
        }
        return samples;
    }

    static float[] json(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("input is neither .npy nor valid JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("inputs")) {
            JsonNode inputs = root.get("inputs");
            if (!inputs.isArray() || inputs.isEmpty() || !inputs.get(0).has("data")) {
                throw new IllegalArgumentException("OIP request has no inputs[0].data");
            }
            root = inputs.get(0).get("data");
        }
        FloatList out = new FloatList();
        flatten(root, out);
        return out.toArray();
    }

    private static void flatten(JsonNode n, FloatList out) {
        if (n == null || !(n.isArray() || n.isNumber())) {
            throw new IllegalArgumentException("input JSON must be numbers in arrays, found " + (n == null ? "nothing" : n.getNodeType()));
        }
        if (n.isNumber()) {
            out.add((float) n.doubleValue());
            return;
        }
        for (JsonNode child : n) {
            flatten(child, out);
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    /** NPY format versions 1-3: magic, version, header length (2 or 4 bytes LE), a Python dict literal, data. */
    static float[] npy(byte[] bytes) {
        if (bytes.length < 10) {
            throw new IllegalArgumentException("truncated .npy file");
        }
        int major = bytes[6];
        int headerLen;
        int start;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated .npy file");
            }
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        if (headerLen < 0 || start + (long) headerLen > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        if (!d.find() || !f.find()) {
            throw new IllegalArgumentException(".npy header lacks descr/fortran_order: " + header.strip());
        }
        if (f.group(1).equals("True")) {
            throw new IllegalArgumentException(".npy file is in Fortran order; save it with C order (numpy's default)");
        }
        String descr = d.group(1);
        int size = switch (descr) {
            case "|u1", "|i1", "<u1", "<i1" -> 1;
            case "<i2", "<u2" -> 2;
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            default -> throw new IllegalArgumentException("unsupported .npy dtype '" + descr
                    + "' (use little-endian f4, f8, u1, i1, i2, u2, i4 or i8)");
        };
        int dataStart = start + headerLen;
        int n = (bytes.length - dataStart) / size;
        float[] v = new float[n];
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            v[i] = switch (descr) {
                case "|u1", "<u1" -> Byte.toUnsignedInt(data.get(i));
                case "|i1", "<i1" -> data.get(i);
                case "<i2" -> data.getShort(i * 2);
                case "<u2" -> Short.toUnsignedInt(data.getShort(i * 2));
                case "<f4" -> data.getFloat(i * 4);
                case "<i4" -> data.getInt(i * 4);
                case "<f8" -> (float) data.getDouble(i * 8);
                default -> data.getLong(i * 8);
            };
        }
        return v;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
