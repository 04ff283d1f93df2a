package io.tnet.model.cli;

import io.tnet.model.train.ModelZoo;
import io.tnet.model.train.Recipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet train}: trains bundled models from scratch by recipe and publishes them (float = version 1,
 * int8 = version 2) into a model repository, updating {@code accuracy.json} and the example requests.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a bundled model from scratch (float v1 + int8 v2) into a model repository.")
public final class TrainCommand implements Callable<Integer>, TnetSubcommand {

    @Option(names = "--recipe", required = true, split = ",",
            description = "Recipe name(s), comma-separated, or 'all': ${COMPLETION-CANDIDATES}",
            completionCandidates = RecipeNames.class)
    List<String> recipes;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", description = "Override the recipe's number of epochs.")
    Integer epochs;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}); results do not depend on it.")
    int threads;

    @Option(names = "--data", description = "Data directory from scripts/fetch-data.sh (default: ./data or $TNET_DATA_DIR).")
    Path data;

    @Option(names = "--repo", defaultValue = "models", description = "Model repository to publish into (default ${DEFAULT-VALUE}).")
    Path repo;

    @Option(names = "--docs", defaultValue = "docs", description = "Docs directory for examples/<model>.json (default ${DEFAULT-VALUE}).")
    Path docs;

    /** Completion candidates for {@code --recipe}. */
    static final class RecipeNames extends ArrayList<String> {
        RecipeNames() {
            super(Recipe.BUNDLED.keySet());
            add("all");
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = recipes.contains("all") ? List.copyOf(Recipe.BUNDLED.keySet()) : recipes;
        Path dataDir = data != null ? data : io.tnet.model.data.Datasets.defaultDir();
        for (String name : names) {
            Recipe r = Recipe.BUNDLED.get(name);
            if (r == null) {
                System.err.println("unknown recipe '" + name + "'; known: " + Recipe.BUNDLED.keySet());
                return 2;
            }
            ModelZoo.build(r, seed, epochs, threads, dataDir, repo, docs, System.out::println);
        }
        return 0;
    }
}
