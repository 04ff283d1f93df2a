package io.tnet.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.data.Dataset;
import io.tnet.model.data.Datasets;
import io.tnet.model.format.ModelReader;
import io.tnet.model.reference.ReferenceEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every bundled model in {@code models/}, evaluated on its held-out data with the reference evaluator,
 * reaches at least the accuracy that {@code models/accuracy.json} states (and {@code docs/accuracy.md}
 * quotes). Data comes from {@code scripts/fetch-data.sh}, which CI runs before the build.
 */
class BundledModelsTest {

    static final Path ROOT = repoRoot();
    static final Path MODELS = ROOT.resolve("models");
    private static final Map<String, Dataset.Split> DATA = new HashMap<>();

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("models/accuracy.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("models/accuracy.json not found above " + Path.of("").toAbsolutePath());
    }

    static JsonNode accuracy() throws IOException {
        return ModelZoo.readAccuracy(MODELS);
    }

    static Stream<String> models() throws IOException {
        return accuracy().get("models").propertyNames().stream();
    }

    static synchronized Dataset.Split data(String name) throws IOException {
        Dataset.Split s = DATA.get(name);
        if (s == null) {
            s = Datasets.load(name, Datasets.locate());
            DATA.put(name, s);
        }
        return s;
    }

    @Test
    void everyRecipeIsBundledAndStated() throws IOException {
        assertThat(models().toList()).containsExactlyInAnyOrderElementsOf(Recipe.BUNDLED.keySet());
    }

    @ParameterizedTest
    @MethodSource("models")
    void heldOutAccuracyIsAtLeastTheStatedOne(String name) throws IOException {
        JsonNode entry = accuracy().get("models").get(name);
        Recipe recipe = Recipe.BUNDLED.get(name);
        assertThat(recipe).as("recipe for %s", name).isNotNull();
        Dataset test = data(entry.get("dataset").asString()).test().reshaped(recipe.inputShape());
        assertThat(test.size()).isEqualTo(entry.get("testSamples").asInt());
        String doc = Files.readString(ROOT.resolve("docs/accuracy.md"));
        for (String version : List.of("1", "2")) {
            Model model = ModelReader.read(MODELS.resolve(name).resolve(version).resolve("model.safetensors"));
            assertThat(model.precision()).isEqualTo(version.equals("1") ? Precision.FLOAT32 : Precision.INT8);
            OpCounts ops = OpCounts.of(model);
            JsonNode stated = entry.get("perInference");
            assertThat(List.of(ops.synapses(), ops.activeSynapses(), ops.additions(), ops.comparisons(), ops.multiplications()))
                    .as("%s v%s operation counts", name, version)
                    .containsExactly(stated.get("synapses").asLong(), stated.get("activeSynapses").asLong(),
                            stated.get("additions").asLong(), stated.get("comparisons").asLong(),
                            stated.get("multiplications").asLong());
            double statedAccuracy = entry.get("versions").get(version).get("accuracy").asDouble();
            double measured = Evaluation.accuracy(model, test);
            assertThat(measured).as("%s v%s held-out accuracy (stated %.4f)", name, version, statedAccuracy)
                    .isGreaterThanOrEqualTo(statedAccuracy);
            assertThat(doc).as("docs/accuracy.md quotes %s v%s", name, version)
                    .contains(String.format(Locale.ROOT, "%.2f%%", 100 * statedAccuracy));
        }
        assertThat(Files.readString(MODELS.resolve(name).resolve("config.json"))).contains("\"all\"");
    }

    @ParameterizedTest
    @MethodSource("models")
    void exampleRequestsPredictWhatTheyExpect(String name) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode request = json.readTree(ROOT.resolve("docs/examples/" + name + ".json").toFile());
        JsonNode expected = json.readTree(ROOT.resolve("docs/examples/" + name + ".expected.json").toFile());
        JsonNode input = request.get("inputs").get(0);
        float[] raw = new float[input.get("data").size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) input.get("data").get(i).asDouble();
        }
        for (String version : List.of("1", "2")) {
            Model model = ModelReader.read(MODELS.resolve(name).resolve(version).resolve("model.safetensors"));
            assertThat(input.get("name").asString()).isEqualTo(model.input().name());
            float[] z = ReferenceEvaluator.infer(model, raw);
            assertThat(Trainer.argmax(z, 0, z.length)).as("%s v%s", name, version)
                    .isEqualTo(expected.get("predictedByVersion").get(version).asInt());
        }
    }
}
