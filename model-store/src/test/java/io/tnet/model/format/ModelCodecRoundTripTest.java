package io.tnet.model.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.TestModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ModelCodecRoundTripTest {

    static Stream<Model> models() {
        return Stream.of(TestModels.floatMlp(1), TestModels.int8Mlp(2), TestModels.cnn(3, false), TestModels.cnn(4, true));
    }

    @ParameterizedTest
    @MethodSource("models")
    void bytesRoundTripExactly(Model model) {
        byte[] bytes = ModelWriter.toBytes(model);
        Model back = ModelReader.read(bytes);
        assertThat(back).isEqualTo(model);
        assertThat(ModelWriter.toBytes(back)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("models")
    void pathAndStreamRoundTrip(Model model, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelWriter.write(model, file);
        assertThat(ModelReader.read(file)).isEqualTo(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelWriter.write(model, out);
        assertThat(ModelReader.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(model);
    }

    @Test
    void fileIsPlainSafetensorsWithGraphInMetadata() {
        Model model = TestModels.cnn(5, true);
        byte[] bytes = ModelWriter.toBytes(model);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat((8 + n) % 8).as("data 8-byte aligned").isZero();
        JsonNode header = Json.MAPPER.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        JsonNode meta = header.get("__metadata__");
        meta.properties().forEach(e -> assertThat(e.getValue().isString()).as(e.getKey()).isTrue());
        assertThat(meta.get("note").stringValue()).isEqualTo("every layer kind");
        JsonNode graph = Json.MAPPER.readTree(meta.get("tnet.graph").stringValue());
        assertThat(graph.get("formatVersion").intValue()).isEqualTo(1);
        assertThat(graph.get("input").get("shape").toString()).isEqualTo("[-1,1,8,8]");
        assertThat(graph.get("layers").get(0).get("stride").toString()).isEqualTo("[2,2]");
        assertThat(graph.get("layers").get(0).get("padding").toString()).isEqualTo("[1,1]");
        assertThat(header.get("conv1.thresholds").get("dtype").stringValue()).isEqualTo("I8");
        assertThat(header.get("conv1.bias").get("dtype").stringValue()).isEqualTo("I32");
        assertThat(header.get("conv1.thresholds").get("data_offsets").toString()).isEqualTo("[0,36]");
        long dataLength = bytes.length - 8 - n;
        long last = 0;
        for (var e : header.properties()) {
            if (!e.getKey().equals("__metadata__")) {
                last = Math.max(last, e.getValue().get("data_offsets").get(1).longValue());
            }
        }
        assertThat(last).isEqualTo(dataLength);
    }

    @Test
    void littleEndianTensorBytes() {
        Model model = TestModels.floatMlp(9);
        byte[] bytes = ModelWriter.toBytes(model);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        io.tnet.model.ThresholdDense fc1 = (io.tnet.model.ThresholdDense) model.layers().get(0);
        assertThat(Float.floatToRawIntBits(first))
                .isEqualTo(Float.floatToRawIntBits(((io.tnet.model.F32Tensor) fc1.thresholds()).get(0)));
    }

    @Test
    void negativeZeroAndOddFloatsInPreprocessingSurvive() {
        Model base = TestModels.floatMlp(1);
        for (float scale : new float[] {1f / 255, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, -3.3333333f}) {
            Model m = new Model(base.formatVersion(), base.name(), base.precision(), base.input(), base.output(),
                    base.labels(), new io.tnet.model.Preprocessing(scale, -0f), base.quantization(), base.layers(), Map.of());
            Model back = ModelReader.read(ModelWriter.toBytes(m));
            assertThat(Float.floatToRawIntBits(back.preprocessing().scale())).isEqualTo(Float.floatToRawIntBits(scale));
            assertThat(Float.floatToRawIntBits(back.preprocessing().offset())).isEqualTo(Float.floatToRawIntBits(-0f));
        }
    }

    @Test
    void deterministicOutput() {
        assertThat(ModelWriter.toBytes(TestModels.cnn(7, false))).isEqualTo(ModelWriter.toBytes(TestModels.cnn(7, false)));
    }
}
