package io.tnet.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tnet eval} on the repository's bundled models and their documented example requests
 * ({@code docs/examples/<model>.json}, OIP v2 requests): the predicted class is the one the
 * {@code .expected.json} file states, and {@code tnet validate} accepts the whole bundled repository.
 */
class BundledExamplesEvalTest {

    static final Path ROOT = Path.of("..");
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void bundledRepositoryValidates() {
        StringWriter out = new StringWriter();
        CommandLine cli = TnetCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("validate", ROOT.resolve("models").toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("OK").doesNotContain("INVALID");
    }

    @Test
    void evalPredictsTheDocumentedClassForEveryExample() throws Exception {
        List<Path> expectations;
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/examples"))) {
            expectations = files.filter(f -> f.getFileName().toString().endsWith(".expected.json")).sorted().toList();
        }
        assertThat(expectations).as("docs/examples/*.expected.json").isNotEmpty();
        for (Path expectedFile : expectations) {
            String name = expectedFile.getFileName().toString().replace(".expected.json", "");
            JsonNode expected = MAPPER.readTree(expectedFile.toFile());
            String version = expected.get("version").asString();
            Path model = ROOT.resolve("models").resolve(name).resolve(version).resolve("model.safetensors");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = TnetCommand.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int status = cli.execute("eval", "--json", model.toString(),
                    ROOT.resolve("docs/examples").resolve(name + ".json").toString());
            assertThat(status).as(name + ": " + err).isZero();
            JsonNode result = MAPPER.readTree(out.toString());
            assertThat(result).as(name).hasSize(1);
            assertThat(result.get(0).get("predicted").intValue()).as(name + " version " + version)
                    .isEqualTo(expected.get("predicted").intValue());
        }
    }
}
