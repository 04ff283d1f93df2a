package io.tnet.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistJsonReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAllTenDigitFilesInDigitOrder() throws IOException {
        for (int d = 0; d < 10; d++) {
            int count = d % 3 + 1;
            StringJoiner values = new StringJoiner(",");
            for (int i = 0; i < count * 784; i++) {
                values.add(i % 784 == 0 ? Double.toString(d / 10.0) : "0");
            }
            Files.writeString(dir.resolve(d + ".json"), "{ \"data\": [" + values + "] }");
        }
        Dataset all = MnistJsonReader.read(dir, "m");
        assertThat(all.size()).isEqualTo(1 + 2 + 3 + 1 + 2 + 3 + 1 + 2 + 3 + 1);
        assertThat(all.labels()[0]).isZero();
        assertThat(all.labels()[1]).isEqualTo(1);
        assertThat(all.labels()[all.size() - 1]).isEqualTo(9);
        assertThat(all.sample(all.size() - 1)[0]).isEqualTo(0.9f);
    }

    @Test
    void rejectsPartialImagesAndMissingData() throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"data\": [0, 1, 2]}");
        assertThatThrownBy(() -> MnistJsonReader.readDigit(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("whole number");
        Files.writeString(f, "{\"other\": 1}");
        assertThatThrownBy(() -> MnistJsonReader.readDigit(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("no \"data\"");
        Files.writeString(f, "{\"data\": [0, ");
        assertThatThrownBy(() -> MnistJsonReader.readDigit(f)).isInstanceOf(IOException.class);
    }
}
