package io.tnet.model.train;

import io.tnet.model.Model;
import io.tnet.model.data.Dataset;
import io.tnet.model.data.Datasets;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.quant.Quantizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one bundled model end to end from its {@link Recipe}: train, export the FLOAT32 model as version 1,
 * quantize it as version 2, evaluate both on the held-out data with the reference evaluator, and record
 * the results where the docs and tests read them:
 * <ul>
 *   <li>{@code <repo>/<name>/{1,2}/model.safetensors} and {@code <repo>/<name>/config.json};</li>
 *   <li>{@code <repo>/accuracy.json}: the machine-readable accuracy table quoted by {@code docs/accuracy.md}
 *       and enforced by the test suite;</li>
 *   <li>{@code <docs>/examples/<name>.json} (an OIP v2 request for one held-out sample) and
 *       {@code <name>.expected.json}.</li>
 * </ul>
 */
public final class ModelZoo {

    /** Calibration samples for quantization, drawn from the training set. */
    public static final int CALIBRATION_SAMPLES = 2000;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelZoo() {
    }

    /** What one build produced. */
    public record Result(Model floatModel, Model int8Model, double floatAccuracy, double int8Accuracy,
                         double agreement, int testSamples, long trainMillis, long trainCpuMillis) {
    }

    public static Result build(Recipe recipe, long seed, Integer epochs, int threads, Path dataDir, Path repo,
                               Path docs, Consumer<String> log) throws IOException {
        Dataset.Split split = Datasets.load(recipe.dataset(), dataDir);
        Dataset train = split.train().reshaped(recipe.inputShape());
        Dataset test = split.test().reshaped(recipe.inputShape());
        TrainConfig cfg = recipe.config().withSeed(seed).withThreads(threads);
        if (epochs != null) {
            cfg = cfg.withEpochs(epochs);
        }
        float[] x = Evaluation.preprocess(recipe.preprocessing(), train);
        float[] tx = Evaluation.preprocess(recipe.preprocessing(), test);
        log.accept(String.format(Locale.ROOT, "%s: %s on %s (%d train / %d held-out), %d epochs, seed %d",
                recipe.name(), recipe.architecture(), recipe.dataset(), train.size(), test.size(), cfg.epochs(), seed));
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Network net = Network.create(recipe.inputShape(), recipe.architecture(), seed);
        try (Trainer trainer = new Trainer(net, cfg)) {
            trainer.fit(x, train.labels(), train.size(), tx, test.labels(), test.size(), log);
        }
        long trainMillis = (System.nanoTime() - t0) / 1_000_000;
        long trainCpuMillis = (processCpuNanos() - cpu0) / 1_000_000;
        String command = "tnet train --recipe " + recipe.name() + " --seed " + seed
                + (epochs != null && epochs != recipe.config().epochs() ? " --epochs " + epochs : "");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("description", recipe.description());
        meta.put("dataset", recipe.dataset());
        meta.put("architecture", recipe.architecture());
        meta.put("training", command + String.format(Locale.ROOT, " (%s, %d epochs, batch %d)",
                cfg.optimizer(), cfg.epochs(), cfg.batchSize()));
        Model floatModel = net.toModel(recipe.name(), recipe.inputName(), recipe.preprocessing(), recipe.labels(), meta);

        // Calibration: a seeded random sample of the training set (never the held-out data).
        int nc = Math.min(CALIBRATION_SAMPLES, train.size());
        int[] idx = Trainer.permutation(train.size(), new SplittableRandom(seed + 7919));
        Dataset calib = train.subset("calibration", java.util.Arrays.copyOf(idx, nc));
        Model int8Model = Quantizer.quantize(floatModel, Evaluation.preprocess(recipe.preprocessing(), calib), nc);

        int[] pf = Evaluation.predict(floatModel, test);
        int[] pq = Evaluation.predict(int8Model, test);
        long okF = 0, okQ = 0, agree = 0;
        for (int i = 0; i < pf.length; i++) {
            okF += pf[i] == test.labels()[i] ? 1 : 0;
            okQ += pq[i] == test.labels()[i] ? 1 : 0;
            agree += pf[i] == pq[i] ? 1 : 0;
        }
        Result result = new Result(floatModel, int8Model, (double) okF / pf.length, (double) okQ / pf.length,
                (double) agree / pf.length, pf.length, trainMillis, trainCpuMillis);
        log.accept(String.format(Locale.ROOT, "%s: held-out accuracy float %.2f%%, int8 %.2f%%, argmax agreement %.2f%%",
                recipe.name(), 100 * result.floatAccuracy(), 100 * result.int8Accuracy(), 100 * result.agreement()));

        Path dir = repo.resolve(recipe.name());
        writeAtomically(dir.resolve("1/model.safetensors"), ModelWriter.toBytes(floatModel));
        writeAtomically(dir.resolve("2/model.safetensors"), ModelWriter.toBytes(int8Model));
        writeAtomically(dir.resolve("config.json"),
                "{\n  \"versionPolicy\": {\"all\": {}}\n}\n".getBytes(StandardCharsets.UTF_8));
        recordAccuracy(repo.resolve("accuracy.json"), recipe, seed, command, cfg, result);
        if (docs != null) {
            writeExample(docs.resolve("examples"), recipe, test, pf, pq);
        }
        return result;
    }

    private static void recordAccuracy(Path file, Recipe recipe, long seed, String command, TrainConfig cfg, Result r)
            throws IOException {
        ObjectNode root = Files.exists(file) ? (ObjectNode) JSON.readTree(Files.readString(file)) : JSON.createObjectNode();
        ObjectNode models = root.has("models") ? (ObjectNode) root.get("models") : root.putObject("models");
        ObjectNode e = JSON.createObjectNode();
        e.put("dataset", recipe.dataset());
        e.put("testSamples", r.testSamples());
        e.put("architecture", recipe.architecture());
        e.put("command", command);
        e.put("seed", seed);
        e.put("epochs", cfg.epochs());
        e.put("trainSeconds", Math.round(r.trainMillis() / 100.0) / 10.0);
        // CPU time of the whole process while training: on a shared machine wall time mostly measures
        // the other jobs; CPU seconds / 2 is the wall time on two otherwise idle cores.
        e.put("trainCpuSeconds", Math.round(r.trainCpuMillis() / 100.0) / 10.0);
        ObjectNode versions = e.putObject("versions");
        ObjectNode v1 = versions.putObject("1");
        v1.put("precision", "FLOAT32");
        v1.put("accuracy", round4(r.floatAccuracy()));
        ObjectNode v2 = versions.putObject("2");
        v2.put("precision", "INT8");
        v2.put("accuracy", round4(r.int8Accuracy()));
        e.put("int8FloatAgreement", round4(r.agreement()));
        OpCounts c = OpCounts.of(r.floatModel());
        ObjectNode ops = e.putObject("perInference");
        ops.put("synapses", c.synapses());
        ops.put("activeSynapses", c.activeSynapses());
        ops.put("additions", c.additions());
        ops.put("comparisons", c.comparisons());
        ops.put("multiplications", c.multiplications());
        models.set(recipe.name(), e);
        // Keep a stable order: bundled recipes first, in their declared order.
        ObjectNode sorted = JSON.createObjectNode();
        for (String name : Recipe.BUNDLED.keySet()) {
            if (models.has(name)) {
                sorted.set(name, models.get(name));
            }
        }
        for (var it = models.properties().iterator(); it.hasNext(); ) {
            var p = it.next();
            if (!sorted.has(p.getKey())) {
                sorted.set(p.getKey(), p.getValue());
            }
        }
        root.set("models", sorted);
        writeAtomically(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Accuracy stated with 4 decimals, rounded down so a re-evaluation never falls below it by rounding. */
    static double round4(double a) {
        return Math.floor(a * 10000 + 1e-9) / 10000.0;
    }

    private static void writeExample(Path dir, Recipe recipe, Dataset test, int[] pf, int[] pq) throws IOException {
        // First held-out sample that both versions classify correctly, so the example shows a right answer.
        int pick = 0;
        for (int i = 0; i < pf.length; i++) {
            if (pf[i] == test.labels()[i] && pq[i] == test.labels()[i]) {
                pick = i;
                break;
            }
        }
        ObjectNode req = JSON.createObjectNode();
        ArrayNode inputs = req.putArray("inputs");
        ObjectNode in = inputs.addObject();
        in.put("name", recipe.inputName());
        ArrayNode shape = in.putArray("shape");
        shape.add(1);
        for (int d : recipe.inputShape().toArray()) {
            shape.add(d);
        }
        in.put("datatype", "FP32");
        ArrayNode data = in.putArray("data");
        for (float v : test.sample(pick)) {
            data.add(v);
        }
        ObjectNode expected = JSON.createObjectNode();
        expected.put("label", test.labels()[pick]);
        expected.put("predicted", pf[pick]);
        expected.put("version", "1");
        ObjectNode byVersion = expected.putObject("predictedByVersion");
        byVersion.put("1", pf[pick]);
        byVersion.put("2", pq[pick]);
        expected.put("labelName", recipe.labels().get(test.labels()[pick]));
        expected.put("dataset", test.name());
        expected.put("sampleIndex", pick);
        Files.createDirectories(dir);
        // Compact data array keeps the request file small and readable at the top.
        writeAtomically(dir.resolve(recipe.name() + ".json"), (JSON.writeValueAsString(req) + "\n")
                .replaceAll("\\n\\s+(-?[0-9.E-]+)(,?)(?=\\n)", "$1$2").getBytes(StandardCharsets.UTF_8));
        writeAtomically(dir.resolve(recipe.name() + ".expected.json"),
                (JSON.writeValueAsString(expected) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads {@code <repo>/accuracy.json}. */
    public static JsonNode readAccuracy(Path repo) throws IOException {
        return JSON.readTree(Files.readString(repo.resolve("accuracy.json")));
    }
}
