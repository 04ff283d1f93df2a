package io.tnet.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFeaturesAndLastColumnLabelsSkippingHeaderAndBlankLines() throws IOException {
        Dataset d = CsvReader.read(text("a,b,label\n0,16,3\n\n1.5,2,0\n"), "t", -1, 4);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.dim()).isEqualTo(2);
        assertThat(d.features()).containsExactly(0, 16, 1.5f, 2);
        assertThat(d.labels()).containsExactly(3, 0);
    }

    @Test
    void readsGzipAndAFirstLabelColumn() throws IOException {
        byte[] gz = IdxReaderTest.gzip("7,1,2\n2,3,4\n".getBytes(StandardCharsets.UTF_8));
        Dataset d = CsvReader.read(new ByteArrayInputStream(gz), "t", 0, 10);
        assertThat(d.labels()).containsExactly(7, 2);
        assertThat(d.features()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void reportsRaggedRowsBadNumbersAndBadLabels() {
        assertThatThrownBy(() -> CsvReader.read(text("1,2,0\n1,0\n"), "t", -1, 2))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2 has 2 columns");
        assertThatThrownBy(() -> CsvReader.read(text("1,2,0\n1,x,0\n"), "t", -1, 2))
                .isInstanceOf(IOException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CsvReader.read(text("1,2,5\n"), "t", -1, 2))
                .isInstanceOf(IOException.class).hasMessageContaining("label 5");
    }
}
