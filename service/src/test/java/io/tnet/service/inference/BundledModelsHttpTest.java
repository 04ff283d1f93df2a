package io.tnet.service.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.service.support.Http;
import io.tnet.service.support.TestRepositoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The bundled models, served from the repository embedded in the service, answer the held-out examples
 * of {@code docs/examples} with the classes the trainer recorded ({@code <model>.expected.json}), on
 * every version (FLOAT32 and INT8), through JSON and through the classification extension.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tnet.inference.max-request-size=64KB", "tnet.models.auth.token=test-token"})
@Import(TestRepositoryConfig.class)
class BundledModelsHttpTest {

    static final Path EXAMPLES = Path.of("..", "docs", "examples");
    static final List<String> BUNDLED = List.of("fashion-tn-mlp", "fashion-tn-cnn", "mnist-tn-mlp", "digits-tn-mlp",
            "fashion-mac-mlp", "mnist-mac-mlp");

    @LocalServerPort
    int port;

    @Test
    void everyBundledModelIsServedAndGivesTheRecordedClass() throws IOException {
        Http http = new Http(port);
        JsonNode index = http.postJson("/v2/repository/index", "{\"ready\":true}").json();
        List<String> checked = new ArrayList<>();
        for (String model : BUNDLED) {
            assertThat(index.toString()).as(model).contains("\"name\":\"" + model + "\"");
            String request = Files.readString(EXAMPLES.resolve(model + ".json"));
            JsonNode expected = Http.JSON.readTree(Files.readString(EXAMPLES.resolve(model + ".expected.json")));
            JsonNode byVersion = expected.get("predictedByVersion");
            List<String> versions = new ArrayList<>();
            byVersion.propertyNames().forEach(versions::add);
            assertThat(versions).as(model).contains("1", "2");
            for (String v : versions) {
                Http.Response r = http.postJson("/v2/models/" + model + "/versions/" + v + "/infer", request);
                assertThat(r.status()).as(model + " v" + v + ": " + r.text()).isEqualTo(200);
                JsonNode data = r.json().get("outputs").get(0).get("data");
                assertThat(argmax(data)).as(model + " v" + v).isEqualTo(byVersion.get(v).intValue());
                checked.add(model + "/" + v);
            }
            // newest version by default, and the classification extension agrees
            JsonNode req = Http.JSON.readTree(request);
            String output = http.get("/v2/models/" + model).json().get("outputs").get(0).get("name").stringValue();
            String top1 = request.trim().substring(0, request.trim().length() - 1)
                    + ",\"outputs\":[{\"name\":\"" + output + "\",\"parameters\":{\"classification\":1}}]}";
            assertThat(req.has("outputs")).isFalse();
            Http.Response c = http.postJson("/v2/models/" + model + "/infer", top1);
            assertThat(c.status()).as(c.text()).isEqualTo(200);
            String newest = c.json().get("model_version").stringValue();
            String entry = c.json().get("outputs").get(0).get("data").get(0).stringValue();
            assertThat(entry.split(":")[1]).as(model).isEqualTo(Integer.toString(byVersion.get(newest).intValue()));
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(2 * BUNDLED.size());
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".expected.json")).count()).isEqualTo(BUNDLED.size());
        }
    }

    static int argmax(JsonNode data) {
        int best = 0;
        for (int i = 1; i < data.size(); i++) {
            if (data.get(i).floatValue() > data.get(best).floatValue()) {
                best = i;
            }
        }
        return best;
    }
}
