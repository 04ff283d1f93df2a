package io.tnet.model.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.reference.ReferenceEvaluator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the Python example of {@code docs/model-format.md} (NumPy only) and reads what it wrote: the
 * documented format is what the reader accepts, and the documented semantics, transcribed to NumPy by
 * the example, agree with the reference evaluator (INT8 bit for bit). Needs {@code python3} with NumPy
 * (Debian {@code python3-numpy}, installed by {@code scripts/install-prereqs.sh}).
 */
class PythonWrittenModelTest {

    static final Path DOC = Path.of("..", "docs", "model-format.md");

    @Test
    void modelWrittenByTheDocumentedPythonExampleReadsAndEvaluatesTheSame(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("example.py");
        Files.writeString(script, extractExample(Files.readString(DOC)));
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python3 failed (is python3-numpy installed?): %s",
                Files.readString(dir.resolve("stderr.txt"))).isZero();
        JsonNode result = Json.MAPPER.readTree(stdout);
        float[] raw = floats(result.get("input"));

        Model f32 = ModelReader.read(dir.resolve("example-float32.safetensors"));
        Model i8 = ModelReader.read(dir.resolve("example-int8.safetensors"));
        assertThat(f32.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(i8.precision()).isEqualTo(Precision.INT8);
        assertThat(f32.layers()).extracting(Layer::kind).extracting(Layer.LayerKind::fileName)
                .containsExactly("ThresholdConv2d", "Flatten", "ThresholdDense", "Dense");
        assertThat(f32.labels()).containsExactly("circle", "square", "triangle");
        assertThat(f32.metadata()).containsEntry("author", "example");
        assertThat(f32.preprocessing().scale()).isEqualTo(1f / 255);

        assertThat(ReferenceEvaluator.infer(i8, raw)).containsExactly(floats(result.get("INT8")));
        float[] expected = floats(result.get("FLOAT32"));
        float[] actual = ReferenceEvaluator.infer(f32, raw);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
        // The Python-written files also survive a Java write/read cycle unchanged.
        assertThat(ModelReader.read(ModelWriter.toBytes(i8))).isEqualTo(i8);
    }

    static String extractExample(String doc) {
        List<String> lines = doc.lines().toList();
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<!-- python-example:begin")) {
                begin = i + 2;   // skip the ```python fence
            } else if (lines.get(i).startsWith("<!-- python-example:end")) {
                end = i - 1;     // stop before the closing fence
            }
        }
        assertThat(begin).as("example markers in " + DOC).isPositive();
        assertThat(end).isGreaterThan(begin);
        return String.join("\n", lines.subList(begin, end)) + "\n";
    }

    static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).doubleValue();
        }
        return v;
    }
}
