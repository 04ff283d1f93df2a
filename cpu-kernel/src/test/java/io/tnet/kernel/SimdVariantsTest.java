package io.tnet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Simd256 and Simd128 are Simd512 with another width; regenerate them with gen-simd-variants.sh. */
class SimdVariantsTest {

    private static final Path SRC = Path.of("src/main/java/io/tnet/kernel");

    @ParameterizedTest
    @ValueSource(ints = {256, 128})
    void variantIsTheTemplateWithAnotherWidth(int bits) throws IOException {
        String template = Files.readString(SRC.resolve("Simd512.java"));
        String expected = template.replace("Simd512", "Simd" + bits)
                .replace("static final int BITS = 512;", "static final int BITS = " + bits + ";")
                .replaceFirst("(?m)^ \\* \\{@link Lanes} on 512-bit vectors\\. This file is the template.*$",
                        " * {@link Lanes} on " + bits + "-bit vectors. GENERATED from {@code Simd512} by {@code cpu-kernel/gen-simd-variants.sh}:");
        assertThat(Files.readString(SRC.resolve("Simd" + bits + ".java")))
                .as("Simd%d.java is stale: run cpu-kernel/gen-simd-variants.sh", bits).isEqualTo(expected);
    }
}
