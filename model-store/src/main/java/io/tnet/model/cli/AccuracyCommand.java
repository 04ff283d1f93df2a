package io.tnet.model.cli;

import io.tnet.model.Model;
import io.tnet.model.data.Dataset;
import io.tnet.model.data.Datasets;
import io.tnet.model.format.ModelReader;
import io.tnet.model.train.AccuracyReport;
import io.tnet.model.train.Evaluation;
import io.tnet.model.train.ModelZoo;
import io.tnet.model.train.Recipe;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tnet accuracy}: shows the bundled models' stated accuracy table, optionally re-measures every model
 * on its held-out data, and regenerates the table in {@code docs/accuracy.md}.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = "Show (and with --evaluate re-measure) the accuracy of the bundled models; --write-doc updates docs/accuracy.md.")
public final class AccuracyCommand implements Callable<Integer>, TnetSubcommand {

    @Option(names = "--repo", defaultValue = "models", description = "Model repository with accuracy.json (default ${DEFAULT-VALUE}).")
    Path repo;

    @Option(names = "--data", description = "Data directory (default: ./data or $TNET_DATA_DIR).")
    Path data;

    @Option(names = "--evaluate", description = "Re-evaluate every model on its held-out data with the reference evaluator.")
    boolean evaluate;

    @Option(names = "--write-doc", description = "Regenerate the table section of this Markdown file (e.g. docs/accuracy.md).")
    Path doc;

    @Override
    public Integer call() throws Exception {
        JsonNode root = ModelZoo.readAccuracy(repo);
        System.out.println(AccuracyReport.render(root));
        int failures = 0;
        if (evaluate) {
            Path dir = data != null ? data : Datasets.defaultDir();
            for (String name : root.get("models").propertyNames()) {
                JsonNode e = root.get("models").get(name);
                Recipe r = Recipe.BUNDLED.get(name);
                Dataset test = Datasets.load(e.get("dataset").asString(), dir).test();
                if (r != null) {
                    test = test.reshaped(r.inputShape());
                }
                for (String v : new String[] {"1", "2"}) {
                    Model m = ModelReader.read(repo.resolve(name).resolve(v).resolve("model.safetensors"));
                    double measured = Evaluation.accuracy(m, test);
                    double stated = e.get("versions").get(v).get("accuracy").asDouble();
                    boolean ok = measured >= stated;
                    failures += ok ? 0 : 1;
                    System.out.printf(Locale.ROOT, "%-16s v%s measured %.2f%% stated %.2f%% %s%n", name, v, 100 * measured,
                            100 * stated, ok ? "ok" : "BELOW STATED");
                }
            }
        }
        if (doc != null) {
            AccuracyReport.writeInto(doc, root);
        }
        return failures == 0 ? 0 : 1;
    }
}
