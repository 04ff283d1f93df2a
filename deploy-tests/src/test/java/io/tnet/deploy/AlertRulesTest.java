package io.tnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's PrometheusRule, extracted from the rendered chart into a plain rule file, checked with
 * {@code promtool check rules} and unit-tested with {@code promtool test rules} (Debian's prometheus
 * package ships promtool).
 */
class AlertRulesTest {

    /** Renders the chart's alert rules (default thresholds) into {@code dir/tnet-rules.yaml}. */
    static Path writeRuleFile(Path dir) throws IOException {
        RenderedChart chart = RenderedChart.render(null, Map.of("metrics.prometheusRule.enabled", "true"));
        var spec = RenderedChart.crdSpec(chart.custom("PrometheusRule").orElseThrow(),
                MonitoringSpecs.PrometheusRuleSpec.class);
        Path file = dir.resolve("tnet-rules.yaml");
        RenderedChart.STRICT_YAML.writeValue(file.toFile(), spec);
        return file;
    }

    @Test
    void rulesPassPromtoolCheck(@TempDir Path dir) throws Exception {
        Path rules = writeRuleFile(dir);
        Tools.Result r = Tools.run(List.of(Tools.require("promtool", "prometheus").toString(), "check", "rules",
                rules.toString()), dir, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void rulesPassTheirPromtoolUnitTests(@TempDir Path dir) throws Exception {
        writeRuleFile(dir);
        Path tests = dir.resolve("alert-rules-test.yaml");
        try (InputStream in = getClass().getResourceAsStream("alert-rules-test.yaml")) {
            Files.copy(in, tests);
        }
        Tools.Result r = Tools.run(List.of(Tools.require("promtool", "prometheus").toString(), "test", "rules",
                tests.toString()), dir, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    /** The unit tests are sensitive to the thresholds: a much higher error threshold must make them fail. */
    @Test
    void unitTestsFailWhenTheErrorThresholdIsRaised(@TempDir Path dir) throws Exception {
        RenderedChart chart = RenderedChart.render(null, Map.of("metrics.prometheusRule.enabled", "true",
                "metrics.prometheusRule.errorRatio", "0.5"));
        var spec = RenderedChart.crdSpec(chart.custom("PrometheusRule").orElseThrow(),
                MonitoringSpecs.PrometheusRuleSpec.class);
        RenderedChart.STRICT_YAML.writeValue(dir.resolve("tnet-rules.yaml").toFile(), spec);
        Path tests = dir.resolve("alert-rules-test.yaml");
        try (InputStream in = getClass().getResourceAsStream("alert-rules-test.yaml")) {
            Files.copy(in, tests);
        }
        Tools.Result r = Tools.run(List.of(Tools.require("promtool", "prometheus").toString(), "test", "rules",
                tests.toString()), dir, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("TnetHighErrorRate");
    }
}
