package io.tnet.model.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.repository.ModelConfig.Backend;
import io.tnet.model.repository.ModelConfig.Batching;
import io.tnet.model.repository.ModelConfig.VersionPolicy;
import io.tnet.model.repository.ModelRepositoryException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelConfigJsonTest {

    @Test
    void parsesTheDocumentedExample() {
        String json = """
                {
                  "backend": "fpga",
                  "versionPolicy": {"specific": {"versions": [1, 3]}},
                  "batching": {"enabled": true, "maxBatchSize": 16, "maxQueueDelayMicros": 250,
                               "maxQueueSize": 64, "timeoutMillis": 2000},
                  "load": false
                }
                """;
        assertThat(ModelConfigJson.parse(json, "config.json")).isEqualTo(new ModelConfig(Backend.FPGA,
                new VersionPolicy.Specific(List.of(1, 3)), new Batching(true, 16, 250, 64, 2000), false));
    }

    @Test
    void everyFieldIsOptional() {
        assertThat(ModelConfigJson.parse("{}", "c")).isEqualTo(ModelConfig.DEFAULTS);
        assertThat(ModelConfig.DEFAULTS.versionPolicy()).isEqualTo(new VersionPolicy.Latest(1));
        assertThat(ModelConfigJson.parse("{\"batching\": {\"maxBatchSize\": 4}}", "c").batching())
                .isEqualTo(new Batching(true, 4, 500, 1024, 10_000));
        assertThat(ModelConfigJson.parse("{\"versionPolicy\": {\"latest\": {}}}", "c").versionPolicy())
                .isEqualTo(new VersionPolicy.Latest(1));
        assertThat(ModelConfigJson.parse("{\"backend\": \"cpu\", \"versionPolicy\": {\"all\": {}}}", "c"))
                .isEqualTo(new ModelConfig(Backend.CPU, new VersionPolicy.All(), Batching.DEFAULTS, true));
    }

    @Test
    void writesWhatItReads() {
        for (ModelConfig c : List.of(ModelConfig.DEFAULTS,
                new ModelConfig(Backend.CPU, new VersionPolicy.All(), new Batching(false, 1, 0, 1, 1), false),
                new ModelConfig(Backend.FPGA, new VersionPolicy.Latest(3), Batching.DEFAULTS, true),
                new ModelConfig(Backend.AUTO, new VersionPolicy.Specific(List.of(2)), Batching.DEFAULTS, true))) {
            assertThat(ModelConfigJson.parse(ModelConfigJson.toJson(c), "c")).isEqualTo(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "{", "{\"backend\": \"gpu\"}", "{\"backend\": 1}", "{\"bakend\": \"cpu\"}",
        "{\"versionPolicy\": {\"latest\": {\"numVersions\": 0}}}",
        "{\"versionPolicy\": {\"latest\": {}, \"all\": {}}}",
        "{\"versionPolicy\": {\"newest\": {}}}",
        "{\"versionPolicy\": {\"specific\": {\"versions\": []}}}",
        "{\"versionPolicy\": {\"specific\": {\"versions\": [0]}}}",
        "{\"versionPolicy\": {\"specific\": {\"versions\": [\"1\"]}}}",
        "{\"versionPolicy\": {\"all\": {\"x\": 1}}}",
        "{\"versionPolicy\": \"all\"}",
        "{\"batching\": {\"maxBatchSize\": 0}}",
        "{\"batching\": {\"maxBatchSize\": 1.5}}",
        "{\"batching\": {\"maxQueueDelayMicros\": -1}}",
        "{\"batching\": {\"enabled\": \"yes\"}}",
        "{\"batching\": {\"max_batch_size\": 8}}",
        "{\"load\": 1}",
        "{\"load\": true, \"load\": false}",
        "{} {}"})
    void rejectsBadConfigsWithTheFieldNamed(String json) {
        assertThatThrownBy(() -> ModelConfigJson.parse(json, "m/config.json"))
                .isInstanceOfSatisfying(ModelRepositoryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_CONFIG);
                    assertThat(e.getMessage()).startsWith("m/config.json: ");
                });
    }
}
