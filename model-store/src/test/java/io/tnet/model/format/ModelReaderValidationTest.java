package io.tnet.model.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import io.tnet.model.TestModels;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One crafted file per error the reader must report, each checked for its {@link Problem} and message. */
class ModelReaderValidationTest {

    /** FLOAT32 mlp: fc1 (ThresholdDense 6 -> 5), fc2 (5 -> 3). */
    static final byte[] MLP = ModelWriter.toBytes(TestModels.floatMlp(1));
    /** INT8 mlp of the same shape. */
    static final byte[] MLP8 = ModelWriter.toBytes(TestModels.int8Mlp(2));
    /** FLOAT32 with every layer kind: conv1, conv2, flatten, fc1, out. */
    static final byte[] CNN = ModelWriter.toBytes(TestModels.cnn(3, false));

    static AbstractThrowableAssert<?, ? extends Throwable> rejects(byte[] file, Problem problem) {
        return rejects(file, ReadLimits.DEFAULTS, problem);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> rejects(byte[] file, ReadLimits limits, Problem problem) {
        return assertThatThrownBy(() -> ModelReader.read(file, limits))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    static byte[] withLength(byte[] file, long length) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        return copy;
    }

    @Test
    void validFilesRead() {
        assertThat(ModelReader.read(MLP)).isEqualTo(TestModels.floatMlp(1));
        assertThat(ModelReader.read(MLP8)).isEqualTo(TestModels.int8Mlp(2));
        assertThat(ModelReader.read(CNN)).isEqualTo(TestModels.cnn(3, false));
    }

    @Nested
    class SafetensorsLayer {

        @Test
        void badHeaderLength() {
            int n = MLP.length - 8;
            rejects(withLength(MLP, n + 1), Problem.BAD_HEADER_LENGTH).hasMessageContaining("header length " + (n + 1));
            rejects(withLength(MLP, 0), Problem.BAD_HEADER_LENGTH);
            rejects(withLength(MLP, 1), Problem.BAD_HEADER_LENGTH);
            rejects(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{'}, Problem.BAD_HEADER_LENGTH);
        }

        @Test
        void headerLengthFieldAbsurdOrNegative() {
            rejects(withLength(MLP, -1L), Problem.HEADER_TOO_LARGE).hasMessageContaining("18446744073709551615");
            rejects("PK\u0003\u0004 zip file not a model".getBytes(StandardCharsets.ISO_8859_1), Problem.HEADER_TOO_LARGE);
        }

        @Test
        void headerOverTheConfiguredLimit() {
            int n = (int) ByteBuffer.wrap(MLP, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(ModelReader.read(MLP, new ReadLimits(n, 1 << 20))).isNotNull();
            rejects(MLP, new ReadLimits(n - 1, 1 << 20), Problem.HEADER_TOO_LARGE)
                    .hasMessageContaining("exceeds the limit of " + (n - 1));
        }

        @Test
        void tooShortForALengthField() {
            rejects(new byte[0], Problem.TRUNCATED);
            rejects(new byte[7], Problem.TRUNCATED);
        }

        @Test
        void truncatedData() {
            rejects(Arrays.copyOf(MLP, MLP.length - 1), Problem.TRUNCATED).hasMessageContaining("truncated");
            int n = (int) ByteBuffer.wrap(MLP, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            rejects(Arrays.copyOf(MLP, 8 + n), Problem.TRUNCATED);
        }

        @Test
        void headerNotJson() {
            rejects(ModelFiles.join("{\"a\": ", new byte[0]), Problem.BAD_HEADER_JSON);
            rejects(ModelFiles.join("[1, 2]", new byte[0]), Problem.BAD_HEADER_JSON);
            rejects(ModelFiles.join("{} {}", new byte[0]), Problem.BAD_HEADER_JSON);
            rejects(ModelFiles.join(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, new byte[0]), Problem.BAD_HEADER_JSON)
                    .hasMessageContaining("UTF-8");
            rejects(ModelFiles.join("{\"__metadata__\": {\"tnet.graph\": \"{}\", \"x\": 1}}", new byte[0]),
                    Problem.BAD_HEADER_JSON).hasMessageContaining("must be a string");
            rejects(ModelFiles.join("{\"__metadata__\": {}, \"__metadata__\": {}}", new byte[0]), Problem.BAD_HEADER_JSON);
            rejects(ModelFiles.editHeader(MLP, h -> h.put("fc1.bias", 3)), Problem.BAD_HEADER_JSON);
        }

        @Test
        void plainSafetensorsWithoutGraph() {
            rejects(ModelFiles.join("{}", new byte[0]), Problem.MISSING_FIELD).hasMessageContaining("tnet.graph");
            rejects(ModelFiles.join("{\"__metadata__\": {\"format\": \"pt\"}}", new byte[0]), Problem.MISSING_FIELD);
        }

        @Test
        void offsetsOutOfRange() {
            // end before begin
            rejects(ModelFiles.editHeader(MLP, h -> offsets(h, "fc2.bias", 100, 88)), Problem.BAD_OFFSETS)
                    .hasMessageContaining("end before begin");
            // span disagrees with shape x dtype
            rejects(ModelFiles.editHeader(MLP, h -> offsets(h, "fc1.thresholds", 0, 116)), Problem.BAD_OFFSETS)
                    .hasMessageContaining("needs 120");
            // far beyond the data: the tensor's own range leaves a hole
            rejects(ModelFiles.editHeader(MLP, h -> offsets(h, "fc2.bias", 1L << 40, (1L << 40) + 12)), Problem.BAD_OFFSETS)
                    .hasMessageContaining("holes");
            // negative and non-integer offsets
            rejects(ModelFiles.editHeader(MLP, h -> offsets(h, "fc1.thresholds", -4, 116)), Problem.BAD_OFFSETS);
            rejects(ModelFiles.editHeader(MLP, h -> ((ArrayNode) h.get("fc1.bias").get("data_offsets")).set(0, 1.5)),
                    Problem.BAD_OFFSETS);
            rejects(ModelFiles.editHeader(MLP, h -> ((ArrayNode) h.get("fc1.bias").get("data_offsets")).add(3)),
                    Problem.BAD_OFFSETS);
            // bytes after the last tensor
            ModelFiles.Parts p = ModelFiles.split(MLP);
            rejects(ModelFiles.join(Json.MAPPER.writeValueAsString(p.header()), Arrays.copyOf(p.data(), p.data().length + 4)),
                    Problem.BAD_OFFSETS).hasMessageContaining("belong to no tensor");
        }

        @Test
        void overlappingTensors() {
            // fc2.bias (3 floats) moved onto the first bytes of fc1.thresholds; the data keeps its length.
            rejects(ModelFiles.editHeader(MLP, h -> offsets(h, "fc2.bias", 0, 12)), Problem.OVERLAPPING_TENSORS)
                    .hasMessageContaining("overlaps");
        }

        @Test
        void shapeWithAbsurdElementCount() {
            rejects(ModelFiles.editHeader(MLP, h -> {
                ArrayNode s = ((ObjectNode) h.get("fc1.thresholds")).putArray("shape");
                s.add(1L << 40).add(1L << 40);
            }), Problem.MODEL_TOO_LARGE);
        }

        @Test
        void unsupportedDtype() {
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("fc1.thresholds")).put("dtype", "F16")),
                    Problem.DTYPE_MISMATCH).hasMessageContaining("F16");
        }
    }

    @Nested
    class GraphAgainstTensors {

        @Test
        void dtypeDisagreeingWithTheGraph() {
            // int8 signs stored as 4-byte I32 (same element count, adjusted offsets) in a float model
            byte[] f = retype(MLP8, "fc1.thresholds", "F32");
            rejects(f, Problem.DTYPE_MISMATCH).hasMessageContaining("fc1");
            rejects(retype(MLP, "fc2.signs", "I32"), Problem.DTYPE_MISMATCH).hasMessageContaining("signs");
            rejects(retype(MLP, "fc1.bias", "I32"), Problem.DTYPE_MISMATCH).hasMessageContaining("bias");
            rejects(retype(MLP8, "fc2.bias", "F32"), Problem.DTYPE_MISMATCH);
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("fc1.signs")).put("dtype", "I64")),
                    Problem.DTYPE_MISMATCH);
        }

        @Test
        void shapeDisagreeingWithTheGraph() {
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("fc1.thresholds")).putArray("shape").add(6).add(5)),
                    Problem.SHAPE_MISMATCH).hasMessageContaining("fc1.thresholds");
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("fc1.bias")).putArray("shape").add(5).add(1)),
                    Problem.SHAPE_MISMATCH);
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("fc1.bias")).putArray("shape").add(0).add(5)),
                    Problem.BAD_OFFSETS);
        }

        @Test
        void nanAndInfinity() {
            rejects(ModelFiles.editTensor(MLP, "fc1.thresholds", b -> b.putFloat(8, Float.NaN)), Problem.NON_FINITE)
                    .hasMessageContaining("fc1.thresholds[2]");
            rejects(ModelFiles.editTensor(MLP, "fc2.bias", b -> b.putFloat(0, Float.POSITIVE_INFINITY)), Problem.NON_FINITE);
            rejects(ModelFiles.editTensor(CNN, "conv2.weights", b -> b.putFloat(4, Float.NEGATIVE_INFINITY)),
                    Problem.NON_FINITE).hasMessageContaining("conv2.weights[1]");
            rejects(ModelFiles.editTensor(CNN, "out.bias", b -> b.putInt(0, 0x7fc00001)), Problem.NON_FINITE);
        }

        @Test
        void signOutsideMinusOneZeroOne() {
            rejects(ModelFiles.editTensor(MLP, "fc1.signs", b -> b.put(3, (byte) 2)), Problem.BAD_SIGN)
                    .hasMessageContaining("fc1.signs[3] = 2");
            rejects(ModelFiles.editTensor(CNN, "conv1.signs", b -> b.put(0, (byte) -128)), Problem.BAD_SIGN);
        }

        @Test
        void missingAndUnexpectedTensors() {
            ModelFiles.Parts p = ModelFiles.split(MLP);
            p.header().remove("fc2.bias");     // the last tensor, so offsets still tile the shorter data
            int end = p.header().get("fc2.signs").get("data_offsets").get(1).intValue();
            rejects(ModelFiles.join(Json.MAPPER.writeValueAsString(p.header()), Arrays.copyOf(p.data(), end)),
                    Problem.MISSING_TENSOR).hasMessageContaining("fc2.bias");
            rejects(ModelFiles.editHeader(MLP, h -> h.set("fc2.bias", h.remove("fc2.bias")).set("fc3.bias", h.remove("fc2.bias"))),
                    Problem.MISSING_TENSOR);
            ModelFiles.Parts q = ModelFiles.split(MLP);
            int len = q.data().length;
            q.header().putObject("extra.thing").put("dtype", "I8").set("shape", Json.MAPPER.createArrayNode().add(2));
            ((ObjectNode) q.header().get("extra.thing")).putArray("data_offsets").add(len).add(len + 2);
            rejects(ModelFiles.join(Json.MAPPER.writeValueAsString(q.header()), Arrays.copyOf(q.data(), len + 2)),
                    Problem.UNEXPECTED_TENSOR).hasMessageContaining("extra.thing");
        }

        @Test
        void accumulatorRangeOfInt8Models() {
            rejects(ModelFiles.editTensor(MLP8, "fc1.bias", b -> b.putInt(0, Integer.MAX_VALUE)), Problem.ACCUMULATOR_RANGE);
        }
    }

    @Nested
    class Graph {

        @Test
        void unknownLayerKind() {
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 1).put("kind", "MaxPool2d")), Problem.UNKNOWN_LAYER_KIND)
                    .hasMessageContaining("MaxPool2d");
        }

        @Test
        void unsupportedFormatVersion() {
            rejects(ModelFiles.editGraph(MLP, g -> g.put("formatVersion", 2)), Problem.UNSUPPORTED_VERSION)
                    .hasMessageContaining("version 2");
            rejects(ModelFiles.editGraph(MLP, g -> g.put("formatVersion", 0)), Problem.UNSUPPORTED_VERSION);
            // a future version may change anything else, so the version is reported before other problems
            rejects(ModelFiles.editGraph(MLP, g -> g.put("formatVersion", 9).put("layers", "future")), Problem.UNSUPPORTED_VERSION);
        }

        @Test
        void shapeChainMismatch() {
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("input")).putArray("shape").add(-1).add(7)),
                    Problem.SHAPE_CHAIN).hasMessageContaining("fc1");
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("output")).putArray("shape").add(-1).add(4)),
                    Problem.SHAPE_CHAIN).hasMessageContaining("last layer produces [3]");
            rejects(ModelFiles.editGraph(CNN, g -> ((ObjectNode) g.get("input")).putArray("shape").add(-1).add(64)),
                    Problem.SHAPE_CHAIN).hasMessageContaining("conv1");
            rejects(ModelFiles.editGraph(CNN, g -> ((ArrayNode) g.get("layers")).remove(2)), Problem.SHAPE_CHAIN)
                    .hasMessageContaining("Flatten");
            rejects(ModelFiles.editGraph(CNN, g -> ((ObjectNode) g.get("input")).putArray("shape").add(-1).add(1).add(2).add(2)),
                    Problem.SHAPE_CHAIN);
        }

        @Test
        void missingOrMalformedFields() {
            rejects(ModelFiles.editGraph(MLP, g -> g.remove("layers")), Problem.MISSING_FIELD).hasMessageContaining("layers");
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 0).remove("scaleExp")), Problem.MISSING_FIELD)
                    .hasMessageContaining("scaleExp");
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 0).put("inputs", 6.5)), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 0).put("inputs", "6")), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 0).put("stride", 2)), Problem.BAD_VALUE)
                    .hasMessageContaining("unknown field 'stride'");
            rejects(ModelFiles.editGraph(MLP, g -> g.put("precision", "FP16")), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("input")).putArray("shape").add(6)), Problem.SHAPE_MISMATCH)
                    .hasMessageContaining("-1");
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("input")).putArray("shape").add(-1).add(1L << 31)),
                    Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("input")).putArray("shape").add(1L << 31).add(6)),
                    Problem.SHAPE_MISMATCH);   // found by ModelReaderFuzzTest: once an unchecked Jackson error
            rejects(ModelFiles.editGraph(MLP8, g -> g.remove("quantization")), Problem.MISSING_FIELD);
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("preprocessing")).put("scale", 0)), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ((ObjectNode) g.get("preprocessing")).put("scale", 1e300)), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 0).put("scaleExp", 40)), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(CNN, g -> ModelFiles.layer(g, 1).put("activation", "TANH")), Problem.BAD_VALUE);
            rejects(ModelFiles.editGraph(MLP, g -> ModelFiles.layer(g, 1).put("name", "fc1")), Problem.BAD_VALUE)
                    .hasMessageContaining("duplicate layer name");
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("__metadata__")).put("tnet.graph", "{not json")),
                    Problem.BAD_HEADER_JSON);
            rejects(ModelFiles.editHeader(MLP, h -> ((ObjectNode) h.get("__metadata__")).put("tnet.graph", "[]")),
                    Problem.BAD_HEADER_JSON);
        }
    }

    @Nested
    class Limits {

        @TempDir
        Path dir;

        @Test
        void modelOverTheSizeLimit() throws Exception {
            ReadLimits limits = new ReadLimits(1 << 16, MLP.length - 1);
            rejects(MLP, limits, Problem.MODEL_TOO_LARGE).hasMessageContaining("limit of " + (MLP.length - 1));
            assertThatThrownBy(() -> ModelReader.read(new ByteArrayInputStream(MLP), limits))
                    .isInstanceOfSatisfying(InvalidModelException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.MODEL_TOO_LARGE));
            Path file = dir.resolve("m.safetensors");
            Files.write(file, MLP);
            assertThatThrownBy(() -> ModelReader.read(file, limits)).isInstanceOfSatisfying(InvalidModelException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.MODEL_TOO_LARGE));
            assertThat(ModelReader.read(file, new ReadLimits(1 << 16, MLP.length))).isEqualTo(TestModels.floatMlp(1));
        }

        @Test
        void activationsOverTheLimit() {
            // conv1 turns [1, 8, 8] into [4, 4, 4] = 64 elements per sample
            assertThat(ModelReader.read(CNN, new ReadLimits(1 << 16, 1 << 20, 64))).isNotNull();
            rejects(CNN, new ReadLimits(1 << 16, 1 << 20, 63), Problem.MODEL_TOO_LARGE)
                    .hasMessageContaining("input 'image' has 64 elements");
        }

        @Test
        void missingFileIsAnIoProblem() {
            assertThatThrownBy(() -> ModelReader.read(dir.resolve("absent.safetensors")))
                    .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.problem()).isEqualTo(Problem.IO));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static void offsets(ObjectNode header, String tensor, long begin, long end) {
        ((ObjectNode) header.get(tensor)).putArray("data_offsets").add(begin).add(end);
    }

    /**
     * Re-encodes one tensor under another dtype (values converted, offsets of every tensor recomputed),
     * giving a well-formed safetensors file whose dtype disagrees with the graph.
     */
    static byte[] retype(byte[] file, String tensor, String dtype) {
        ModelFiles.Parts p = ModelFiles.split(file);
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        var names = new java.util.ArrayList<String>();
        p.header().propertyNames().forEach(names::add);
        for (String name : names) {
            if (name.equals("__metadata__")) {
                continue;
            }
            ObjectNode e = (ObjectNode) p.header().get(name);
            int begin = e.get("data_offsets").get(0).intValue();
            int end = e.get("data_offsets").get(1).intValue();
            ByteBuffer src = ByteBuffer.wrap(p.data(), begin, end - begin).slice().order(ByteOrder.LITTLE_ENDIAN);
            String from = e.get("dtype").stringValue();
            String to = name.equals(tensor) ? dtype : from;
            int count = (end - begin) / size(from);
            ByteBuffer dst = ByteBuffer.allocate(count * size(to)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                double v = switch (from) {
                    case "F32" -> src.getFloat(i * 4);
                    case "I32" -> src.getInt(i * 4);
                    default -> src.get(i);
                };
                switch (to) {
                    case "F32" -> dst.putFloat((float) v);
                    case "I32" -> dst.putInt((int) v);
                    default -> dst.put((byte) v);
                }
            }
            int at = data.size();
            data.writeBytes(dst.array());
            e.put("dtype", to);
            e.putArray("data_offsets").add(at).add(data.size());
        }
        return ModelFiles.join(Json.MAPPER.writeValueAsString(p.header()), data.toByteArray());
    }

    static int size(String dtype) {
        return dtype.equals("I8") ? 1 : 4;
    }
}
