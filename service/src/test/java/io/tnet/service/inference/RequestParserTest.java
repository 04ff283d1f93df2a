package io.tnet.service.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.service.ServiceException;
import io.tnet.service.support.ServiceTestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and conversion of OIP requests, JSON and binary. */
class RequestParserTest {

    static InferenceRequest json(String s) {
        return RequestParser.parse(s.getBytes(StandardCharsets.UTF_8), -1);
    }

    @Test
    void deeplyNestedDataIsFlattenedInRowMajorOrder() {
        InferenceRequest r = json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,2,2],"
                + "\"data\":[[[1,2],[3,4]]]}],\"unknown\":{\"x\":[1]}}");
        InferenceRequest.Input in = r.inputs().getFirst();
        assertThat(in.valueCount()).isEqualTo(4);
        assertThat(java.util.Arrays.copyOf(in.values(), 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void everyBinaryDatatypeConverts() {
        var model = ServiceTestModels.argmax("m", 4);
        record Case(String dt, byte[] bytes) {
        }
        ByteBuffer fp16 = le(8);
        for (float f : new float[]{1, 2, 3, 4}) {
            fp16.putShort(Float.floatToFloat16(f));
        }
        ByteBuffer fp64 = le(32);
        ByteBuffer i16 = le(8);
        ByteBuffer i32 = le(16);
        ByteBuffer i64 = le(32);
        for (int v = 1; v <= 4; v++) {
            fp64.putDouble(v);
            i16.putShort((short) v);
            i32.putInt(v);
            i64.putLong(v);
        }
        for (Case c : List.of(new Case("FP16", fp16.array()), new Case("FP64", fp64.array()),
                new Case("INT8", new byte[]{1, 2, 3, 4}), new Case("UINT8", new byte[]{1, 2, 3, 4}),
                new Case("INT16", i16.array()), new Case("INT32", i32.array()), new Case("INT64", i64.array()))) {
            byte[] header = ("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"" + c.dt() + "\",\"shape\":[1,4],"
                    + "\"parameters\":{\"binary_data_size\":" + c.bytes().length + "}}]}").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[header.length + c.bytes().length];
            System.arraycopy(header, 0, body, 0, header.length);
            System.arraycopy(c.bytes(), 0, body, header.length, c.bytes().length);
            InputConverter.Rows rows = InputConverter.convert(RequestParser.parse(body, header.length), model);
            assertThat(rows.samples()).as(c.dt()).isEqualTo(1);
            assertThat(rows.raw()).as(c.dt()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void binarySizeMustMatchTheElementSize() {
        byte[] header = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,4],\"parameters\":{\"binary_data_size\":6}}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[header.length + 6];
        System.arraycopy(header, 0, body, 0, header.length);
        assertThatThrownBy(() -> RequestParser.parse(body, header.length)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("not a multiple");
    }

    @Test
    void shapesWithAndWithoutBatchDimension() {
        var model = ServiceTestModels.argmax("m", 4);
        assertThat(InputConverter.convert(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[4],"
                + "\"data\":[1,2,3,4]}]}"), model).samples()).isEqualTo(1);
        assertThat(InputConverter.convert(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[3,4],"
                + "\"data\":[1,2,3,4,1,2,3,4,1,2,3,4]}]}"), model).samples()).isEqualTo(3);
        assertThat(InputConverter.convert(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,2,2],"
                + "\"data\":[1,2,3,4,1,2,3,4]}]}"), model).samples()).isEqualTo(2);
        assertThatThrownBy(() -> InputConverter.convert(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
                + "\"shape\":[0,4],\"data\":[]}]}"), model)).hasMessageContaining("wrong shape");
        assertThatThrownBy(() -> InputConverter.convert(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"data\":[1e39,0,0,0]}]}"), model)).hasMessageContaining("finite");
    }

    @Test
    void integerRangesAreChecked() {
        assertThatThrownBy(() -> json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"UINT8\",\"shape\":[1],\"data\":[-1]}]}"))
                .hasMessageContaining("not a valid UINT8");
        assertThatThrownBy(() -> json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT16\",\"shape\":[1],\"data\":[40000]}]}"))
                .hasMessageContaining("not a valid INT16");
        assertThatThrownBy(() -> json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT64\",\"shape\":[1],"
                + "\"data\":[99999999999999999999999]}]}")).hasMessageContaining("out of range");
        assertThat(json("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[-9000000000]}]}")
                .inputs().getFirst().values()[0]).isEqualTo(-9e9);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
