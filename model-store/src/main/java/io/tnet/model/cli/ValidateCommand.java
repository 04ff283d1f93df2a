package io.tnet.model.cli;

import io.tnet.model.InvalidModelException;
import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.repository.ModelRepository;
import io.tnet.model.repository.ModelRepositoryException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tnet validate}: checks model files, or whole repositories (every model's config.json and every
 * version), and prints one line per item. Exit status 0 when everything is valid, 1 otherwise.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates model files, or repository directories (<repo>/<model>/<version>/model.safetensors "
                + "and <repo>/<model>/config.json).",
            "Prints OK or INVALID with the reason per item; exit status 1 if anything is invalid."})
public final class ValidateCommand implements Callable<Integer>, TnetSubcommand {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Model files or repository directories.")
    List<Path> paths;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private int invalid;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                repository(p, out);
            } else {
                file(p, p.toString(), out);
            }
        }
        out.flush();
        return invalid == 0 ? 0 : 1;
    }

    private void repository(Path root, PrintWriter out) {
        ModelRepository repo = new ModelRepository(root, limits.limits());
        List<String> models = repo.listModels();
        if (models.isEmpty()) {
            out.printf("INVALID  %s: no models (expected <model>/<version>/model.safetensors)%n", root);
            invalid++;
            return;
        }
        for (String name : models) {
            try {
                repo.config(name);
                if (Files.exists(root.resolve(name).resolve("config.json"))) {
                    out.printf("OK       %s/config.json%n", root.resolve(name));
                }
            } catch (ModelRepositoryException e) {
                out.printf("INVALID  %s%n", e.getMessage());
                invalid++;
            }
            List<Integer> versions = repo.versions(name);
            if (versions.isEmpty()) {
                out.printf("INVALID  %s: no versions%n", root.resolve(name));
                invalid++;
            }
            for (int v : versions) {
                Path label = root.resolve(name).resolve(Integer.toString(v)).resolve(io.tnet.model.format.ModelFormat.FILE_NAME);
                file(repo.modelFile(name, v), label.toString(), out);
            }
        }
    }

    private void file(Path file, String label, PrintWriter out) {
        try {
            Model m = ModelReader.read(file, limits.limits());
            out.printf("OK       %s: %s, %s, %d layers, input %s, output %s%n", label, m.name(), m.precision(),
                    m.layers().size(), m.input().wireShape(), m.output().wireShape());
        } catch (InvalidModelException e) {
            out.printf("INVALID  %s: %s%n", label, e.getMessage());
            invalid++;
        }
    }
}
