package io.tnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard against a real Prometheus: Debian's prometheus on loopback scrapes the real
 * service (started from the packaged jar), traffic goes through the bundled models, then every query of
 * the dashboard is evaluated through Prometheus's HTTP API and must return data. The chart's alert
 * rules are loaded too and must evaluate without errors.
 */
class DashboardPrometheusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Grafana's "All" for the model and backend variables, and the rate window the test evaluates with. */
    private static final Map<String, String> VARIABLES = Map.of("$model", ".*", "$backend", ".*", "$__rate_interval", "1m");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

    @Test
    void everyDashboardQueryReturnsDataFromARealPrometheus(@TempDir Path tmp) throws Exception {
        Path prometheusExe = Tools.require("prometheus", "prometheus");
        JsonNode dashboard = JSON.readTree(RepoPaths.chart().resolve("files/dashboard.json").toFile());
        Map<String, String> queries = panelQueries(dashboard);
        assertThat(queries).hasSizeGreaterThan(15);
        long t0 = System.nanoTime();
        // The fpga backend on the driver's mock transport, so that models run on both backends (the
        // threshold MLPs' int8 versions go to fpga under dispatch "auto", the rest to cpu) and the
        // per-backend panels are checked for both.
        try (ServiceProcess service = ServiceProcess.start(tmp, Duration.ofSeconds(240), "--tnet.backend.fpga.device=mock")) {
            phase("service ready", t0);
            List<Traffic.Example> examples = Traffic.served(service::uri, Traffic.examples());
            Path rules = AlertRulesTest.writeRuleFile(tmp);
            int promPort = ServiceProcess.freePort();
            Path config = tmp.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [%s]
                    scrape_configs:
                      - job_name: tnet
                        metrics_path: /actuator/prometheus
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                            labels: {namespace: deploy-test, pod: tnet-0}
                    """.formatted(rules, service.port()));
            Process prometheus = new ProcessBuilder(prometheusExe.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
            try {
                String prom = "http://127.0.0.1:" + promPort;
                awaitStatus(URI.create(prom + "/-/ready"), Duration.ofSeconds(30), prometheus, tmp.resolve("prometheus.log"));

                phase("prometheus ready", t0);
                // rate() needs a sample from before the traffic as well as after it: on a fast machine the
                // traffic can finish before Prometheus's first scrape, and every rate would then be 0 (NaN
                // ratios). So wait until the pre-traffic counters have been scraped.
                awaitValue(prom, "sum(up{job=\"tnet\"})", 1, Duration.ofSeconds(30));
                awaitValue(prom, "count(tnet_inference_requests_total)", 1, Duration.ofSeconds(30));
                phase("first scrape", t0);
                Traffic.Counts sent = Traffic.drive(service::uri, examples, 60, 5, 8);
                phase("traffic sent: " + sent, t0);
                // Every request is answered; on a loaded machine a few may be shed (429/503), never fail otherwise.
                assertThat(sent.other()).as("unexpected statuses: %s", sent).isZero();
                assertThat(sent.ok() + sent.overloaded()).isEqualTo(60 * examples.size());
                assertThat(sent.ok()).as("answered inferences: %s", sent).isGreaterThanOrEqualTo(30 * examples.size());
                assertThat(sent.badRequests()).isEqualTo(5 * examples.size());

                // Wait until Prometheus has scraped the counters after the traffic.
                awaitValue(prom, "sum(tnet_inference_requests_total{outcome=\"success\"})", sent.ok(), Duration.ofSeconds(30));
                awaitValue(prom, "sum(tnet_inference_requests_total{outcome=\"bad_request\"})", sent.badRequests(),
                        Duration.ofSeconds(10));
                Thread.sleep(2_000); // a couple more scrapes so every rate() window has two post-traffic samples

                phase("scraped", t0);
                List<String> empty = new ArrayList<>();
                for (var q : queries.entrySet()) {
                    JsonNode result = query(prom, q.getValue());
                    boolean finite = false;
                    for (JsonNode series : result) {
                        double v = Double.parseDouble(series.get("value").get(1).asString());
                        finite |= Double.isFinite(v);
                    }
                    if (!finite) {
                        empty.add(q.getKey() + ": " + q.getValue() + " -> " + result);
                    }
                }
                assertThat(empty).as("dashboard queries without (finite) data").isEmpty();
                phase(queries.size() + " dashboard queries returned data", t0);

                for (String variableQuery : templatingQueries(dashboard)) {
                    Matcher m = LABEL_VALUES.matcher(variableQuery);
                    assertThat(m.matches()).as("variable query %s", variableQuery).isTrue();
                    JsonNode values = get(URI.create(prom + "/api/v1/label/" + m.group(2) + "/values?match[]="
                            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)));
                    assertThat(values.get("data").size()).as("values of %s", variableQuery).isPositive();
                }
                JsonNode models = get(URI.create(prom + "/api/v1/label/model/values?match[]=tnet_inference_requests_total")).get("data");
                for (Traffic.Example e : examples) {
                    assertThat(models.toString()).contains("\"" + e.model() + "\"");
                }

                JsonNode backends = query(prom, "sum by (backend) (tnet_inference_requests_total{outcome=\"success\"}) > 0");
                assertThat(backends.findValuesAsString("backend")).as("backends that served requests")
                        .containsExactlyInAnyOrder("cpu", "fpga");

                // The alert rules load and evaluate cleanly against the real series.
                JsonNode groups = get(URI.create(prom + "/api/v1/rules")).at("/data/groups");
                assertThat(groups.size()).isEqualTo(1);
                for (JsonNode rule : groups.get(0).get("rules")) {
                    assertThat(rule.get("health").asString()).as("rule %s: %s", rule.get("name"), rule.get("lastError"))
                            .isEqualTo("ok");
                }
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    private static void phase(String what, long t0) {
        System.out.printf("DashboardPrometheusTest: %s at %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    /** Every panel target's expression with the dashboard variables substituted, keyed by panel and refId. */
    static Map<String, String> panelQueries(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        collect(dashboard.get("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, Map<String, String> into) {
        for (JsonNode panel : panels) {
            if (panel.has("panels")) {
                collect(panel.get("panels"), into);
            }
            if (!panel.has("targets")) {
                continue;
            }
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asString();
                for (var v : VARIABLES.entrySet()) {
                    expr = expr.replace(v.getKey(), v.getValue());
                }
                assertThat(expr).as("unsubstituted variable in %s", panel.get("title")).doesNotContain("$");
                into.put(panel.get("title").asString() + " " + target.get("refId").asString(), expr);
            }
        }
    }

    private static List<String> templatingQueries(JsonNode dashboard) {
        List<String> result = new ArrayList<>();
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.get("type").asString())) {
                result.add(variable.at("/query/query").asString());
            }
        }
        return result;
    }

    private static JsonNode query(String prom, String promql) throws IOException, InterruptedException {
        JsonNode body = get(URI.create(prom + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        assertThat(body.get("status").asString()).as("%s: %s", promql, body).isEqualTo("success");
        return body.at("/data/result");
    }

    private static JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static void awaitValue(String prom, String promql, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            JsonNode result = query(prom, promql);
            if (!result.isEmpty()) {
                last = Double.parseDouble(result.get(0).get("value").get(1).asString());
                if (last >= atLeast) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(promql + " reached " + last + ", expected >= " + atLeast + " within " + timeout);
    }

    private static void awaitStatus(URI uri, Duration timeout, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready: " + Files.readString(log));
    }
}
