package io.tnet.model.format;

import io.tnet.model.ElementType;
import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The safetensors layer of a model file, checked against the safetensors rules before anything is
 * decoded: header length, UTF-8 JSON object, string-only metadata, known dtypes, and data offsets that
 * tile the data buffer exactly (no overlap, no hole, nothing past the end, nothing left over).
 *
 * @param metadata  the {@code __metadata__} map (empty if absent)
 * @param entries   tensor entries by name, in header order
 * @param dataStart absolute file offset of the data buffer (8 + header length)
 */
record SafetensorsHeader(Map<String, String> metadata, Map<String, Entry> entries, int dataStart) {

    /** One tensor's header entry; offsets are relative to the data buffer. */
    record Entry(String name, ElementType dtype, long[] shape, long begin, long end) {
    }

    static SafetensorsHeader parse(byte[] file, ReadLimits limits) {
        if (file.length < 8) {
            throw new InvalidModelException(Problem.TRUNCATED, "file has " + file.length
                    + " bytes; a safetensors file starts with an 8-byte header length");
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // n is an unsigned 64-bit value; negative as a long means above 2^63.
        if (n < 0 || n > limits.maxHeaderBytes()) {
            throw new InvalidModelException(Problem.HEADER_TOO_LARGE, "header length " + Long.toUnsignedString(n)
                    + " bytes exceeds the limit of " + limits.maxHeaderBytes() + " (is this a safetensors file?)");
        }
        if (n < 2 || n > file.length - 8L) {
            throw new InvalidModelException(Problem.BAD_HEADER_LENGTH, "header length " + n + " bytes is impossible for a "
                    + file.length + "-byte file (it must be >= 2 and fit after the 8-byte length)");
        }
        int headerLength = (int) n;
        if (file[8] != '{') {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "header does not start with '{'");
        }
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, 8, headerLength));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "header is not valid UTF-8", e);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "header must be a JSON object");
        }
        int dataStart = 8 + headerLength;
        long dataLength = file.length - (long) dataStart;

        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(ModelFormat.METADATA_KEY)) {
                metadata = metadata(e.getValue());
            } else {
                entries.put(e.getKey(), entry(e.getKey(), e.getValue()));
            }
        }
        checkOffsets(entries, dataLength);
        return new SafetensorsHeader(metadata, entries, dataStart);
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "__metadata__ must be a JSON object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isString()) {
                throw new InvalidModelException(Problem.BAD_HEADER_JSON, "__metadata__." + e.getKey()
                        + " must be a string (safetensors metadata maps strings to strings)");
            }
            m.put(e.getKey(), e.getValue().stringValue());
        }
        return m;
    }

    private static Entry entry(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "tensor '" + name + "' must be a JSON object");
        }
        Json.onlyFields(node, java.util.Set.of("dtype", "shape", "data_offsets"), "tensor '" + name + "'");
        ElementType dtype = ElementType.fromSafetensors(Json.string(node, "dtype", "tensor '" + name + "'"));
        JsonNode shapeNode = Json.array(node, "shape", "tensor '" + name + "'");
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Json.nonNegativeLong(shapeNode.get(i), "tensor '" + name + "'.shape[" + i + "]");
            elements = multiply(elements, shape[i], name);
        }
        long bytes = multiply(elements, dtype.byteSize(), name);
        JsonNode offsets = Json.array(node, "data_offsets", "tensor '" + name + "'");
        if (offsets.size() != 2) {
            throw new InvalidModelException(Problem.BAD_OFFSETS, "tensor '" + name + "': data_offsets must be [begin, end]");
        }
        long begin = offset(offsets.get(0), name);
        long end = offset(offsets.get(1), name);
        if (end < begin) {
            throw new InvalidModelException(Problem.BAD_OFFSETS, "tensor '" + name + "': data_offsets [" + begin + ", "
                    + end + "] end before begin");
        }
        if (end - begin != bytes) {
            throw new InvalidModelException(Problem.BAD_OFFSETS, "tensor '" + name + "': data_offsets span "
                    + (end - begin) + " bytes but " + dtype.safetensorsName() + " shape " + java.util.Arrays.toString(shape)
                    + " needs " + bytes);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long offset(JsonNode n, String name) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new InvalidModelException(Problem.BAD_OFFSETS, "tensor '" + name
                    + "': data_offsets must be non-negative integers, got " + n);
        }
        return n.longValue();
    }

    private static long multiply(long a, long b, String name) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidModelException(Problem.MODEL_TOO_LARGE, "tensor '" + name + "' is absurdly large");
        }
    }

    /**
     * Safetensors requires the tensors to cover the data buffer exactly; we check that in offset order
     * so the error names the first offending tensor.
     */
    private static void checkOffsets(Map<String, Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < expected) {
                throw new InvalidModelException(Problem.OVERLAPPING_TENSORS, "tensor '" + e.name() + "' at ["
                        + e.begin() + ", " + e.end() + ") overlaps '" + previous.name() + "' at [" + previous.begin()
                        + ", " + previous.end() + ")");
            }
            if (e.begin() > expected) {
                throw new InvalidModelException(Problem.BAD_OFFSETS, "tensor '" + e.name() + "' starts at " + e.begin()
                        + " but the data before it ends at " + expected + " (safetensors data has no holes)");
            }
            expected = e.end();
            previous = e;
        }
        if (expected > dataLength) {
            throw new InvalidModelException(Problem.TRUNCATED, "tensor data ends at byte " + expected
                    + " of the data buffer but the file holds only " + dataLength + " data bytes (truncated file?)");
        }
        if (expected < dataLength) {
            throw new InvalidModelException(Problem.BAD_OFFSETS, (dataLength - expected)
                    + " bytes after the last tensor belong to no tensor");
        }
    }
}
