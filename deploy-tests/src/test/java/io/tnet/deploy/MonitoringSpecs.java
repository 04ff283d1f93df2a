package io.tnet.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of the Prometheus Operator custom resources (monitoring.coreos.com/v1) the chart renders,
 * as records: read with unknown fields failing, so a misspelt key in a template fails the test.
 */
final class MonitoringSpecs {

    private MonitoringSpecs() {
    }

    /** ServiceMonitor spec. */
    record ServiceMonitorSpec(Selector selector, List<Endpoint> endpoints) {
    }

    /** Label selector of a ServiceMonitor. */
    record Selector(Map<String, String> matchLabels) {
    }

    /** One scrape endpoint of a ServiceMonitor. */
    record Endpoint(String port, String path, String interval, String scrapeTimeout) {
    }

    /** PrometheusRule spec: the same shape as a Prometheus rule file. */
    record PrometheusRuleSpec(List<RuleGroup> groups) {
    }

    /** A rule group. */
    record RuleGroup(String name, List<Rule> rules) {
    }

    /** An alerting (or recording) rule; absent fields stay absent when written back as a rule file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rule(String alert, String record, String expr, @JsonProperty("for") String forDuration,
            Map<String, String> labels, Map<String, String> annotations) {
    }
}
