package io.tnet.model.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.TestModels;
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
        // Java-written models (every layer kind, both precisions) for the example's reader and forward().
        Model javaF32 = TestModels.cnn(11, false);
        Model javaI8 = TestModels.cnn(12, true);
        ModelWriter.write(javaF32, dir.resolve("java-f32.safetensors"));
        ModelWriter.write(javaI8, dir.resolve("java-i8.safetensors"));
        Files.writeString(script, extractExample(Files.readString(DOC)) + READ_JAVA_FILES);
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString(),
                dir.resolve("java-f32.safetensors").toString(), dir.resolve("java-i8.safetensors").toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        List<String> stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python3 failed (is python3-numpy installed?): %s",
                Files.readString(dir.resolve("stderr.txt"))).isZero();
        assertThat(stdout).hasSize(3);
        JsonNode result = Json.MAPPER.readTree(stdout.get(0));
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

        // Java-written files, read and evaluated by the example's NumPy code.
        JsonNode pyF32 = Json.MAPPER.readTree(stdout.get(1));
        float[] f32Logits = ReferenceEvaluator.infer(javaF32, floats(pyF32.get("input")));
        float[] pyF32Logits = floats(pyF32.get("logits"));
        for (int i = 0; i < f32Logits.length; i++) {
            assertThat(f32Logits[i]).isCloseTo(pyF32Logits[i], within(1e-4f * Math.max(1f, Math.abs(pyF32Logits[i]))));
        }
        JsonNode pyI8 = Json.MAPPER.readTree(stdout.get(2));
        float[] pyI8Logits = floats(pyI8.get("logits"));
        assertThat(ReferenceEvaluator.infer(javaI8, floats(pyI8.get("input")))).containsExactly(pyI8Logits);
        assertThat(java.util.stream.IntStream.range(0, pyI8Logits.length).mapToDouble(i -> pyI8Logits[i]).distinct().count())
                .as("a meaningful comparison needs distinct logits, not all saturated").isGreaterThan(1);
    }

    /** Appended to the example: evaluates the files named after the output directory on random raw input. */
    static final String READ_JAVA_FILES = """

            for path in sys.argv[2:]:
                tensors, meta = load_safetensors(path)
                g = json.loads(meta["tnet.graph"])
                raw = rng.uniform(-3, 3, g["input"]["shape"][1:]).astype(np.float32)
                print(json.dumps({"input": raw.reshape(-1).tolist(),
                                  "logits": [float(v) for v in forward(g, tensors, raw)]}))
            """;

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
