package io.tnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code helm lint} and {@code helm template} of the chart for default and FPGA-enabled values. */
class HelmChartTest {

    static final Path FPGA_VALUES = RepoPaths.chart().resolve("ci/fpga-values.yaml");

    @Test
    void lintIsCleanWithDefaultValues() {
        LintResult result = new Helm(RepoPaths.chart()).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    /** helm-java's lint takes no values file, so lint a copy of the chart whose values include the FPGA ones. */
    @Test
    void lintIsCleanWithFpgaValues(@TempDir Path tmp) throws IOException {
        Path chart = tmp.resolve("tnet");
        copyTree(RepoPaths.chart(), chart);
        JsonNode defaults = RenderedChart.STRICT_YAML.readTree(chart.resolve("values.yaml").toFile());
        JsonNode fpga = RenderedChart.STRICT_YAML.readTree(FPGA_VALUES.toFile());
        deepMerge((ObjectNode) defaults, fpga);
        RenderedChart.STRICT_YAML.writeValue(chart.resolve("values.yaml").toFile(), defaults);

        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict (fpga values): %s", result.getMessages()).isFalse();
    }

    @Test
    void defaultValuesRenderAHardenedCpuDeployment() throws IOException {
        RenderedChart chart = RenderedChart.render(null, Map.of());

        assertThat(chart.objects().stream().map(o -> o.getKind()).sorted().toList()).containsExactly(
                "ConfigMap", "ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "Service", "ServiceAccount");

        Deployment deployment = chart.one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().getFirst();
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds())
                .as("startup budget (s)").isGreaterThanOrEqualTo(60);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsOnlyKeys("cpu", "memory");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getReplicas()).as("replicas left to the HPA").isNull();
        assertThat(c.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30L);

        // Read-only root: /tmp is an emptyDir, settings and token are mounted read-only.
        assertThat(mountPath(c, "tmp")).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
        assertThat(mountPath(c, "config")).isEqualTo("/config");
        assertThat(env(c)).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/config/")
                .containsEntry("TNET_MODELS_REPOSITORY", "/models")
                .doesNotContainKey("TNET_MODELS_AUTH_TOKENFILE")
                .doesNotContainKey("TNET_BACKEND_FPGA_DEVICE");
        assertThat(c.getVolumeMounts()).extracting(VolumeMount::getName).doesNotContain("models", "management-token");

        ConfigMap settings = configMap(chart, "tnet-config");
        assertThat(volume(pod, "config").getConfigMap().getName()).isEqualTo("tnet-config");
        JsonNode application = RenderedChart.STRICT_YAML.readTree(settings.getData().get("application.yaml"));
        assertThat(application.at("/management/endpoints/web/exposure/include").asString()).contains("prometheus");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/config");

        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        Service service = chart.one(Service.class);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().getFirst().getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(c.getPorts()).anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == 8080);
        assertThat(pod.getServiceAccountName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());

        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource");
        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);

        ConfigMap dashboard = configMap(chart, "tnet-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = RenderedChart.STRICT_YAML.readTree(dashboard.getData().get("tnet-dashboard.json"));
        assertThat(json.get("uid").asString()).isEqualTo("tnet-serving");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : json.get("panels")) {
            if ("row".equals(panel.get("type").asString())) {
                continue;
            }
            titles.add(panel.get("title").asString());
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asString();
                // Per model and backend: every query is filtered by the backend variable, and all but
                // the per-backend gauges by the model variable too.
                assertThat(expr).as("%s", panel.get("title")).contains("backend=~\"$backend\"");
                if (!panel.get("title").asString().startsWith("Backend power") && !panel.get("title").asString().equals("Backend up")) {
                    assertThat(expr).as("%s", panel.get("title")).contains("model=~\"$model\"");
                }
            }
        }
        assertThat(titles).contains("Request rate", "Error rate", "Request latency p50 / p95 / p99",
                "Queue vs compute time (p95)", "Batch size", "Pending requests", "Energy per request",
                "Power per request", "Backend energy", "Backend power", "Backend up");
    }

    @Test
    void fpgaValuesRequestTheCardMountTheDevicesAndEnableMonitoring() {
        RenderedChart chart = RenderedChart.render(FPGA_VALUES, Map.of());

        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().getFirst();
        String resource = "xilinx.com/fpga-xilinx_u250_gen3x16_xdma_shell_4_1-0";
        assertThat(c.getResources().getLimits()).containsEntry(resource, new Quantity("1")).containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).containsEntry(resource, new Quantity("1"));
        assertThat(env(c)).containsEntry("TNET_BACKEND_FPGA_DEVICE", "xdma:/dev/xdma0")
                .containsEntry("TNET_MODELS_BACKEND", "fpga");
        for (String dev : new String[] {"xdma0-user", "xdma0-h2c-0", "xdma0-c2h-0", "xdma0-events-0"}) {
            Volume v = volume(pod, dev);
            assertThat(v.getHostPath().getType()).isEqualTo("CharDevice");
            assertThat(mountPath(c, dev)).isEqualTo(v.getHostPath().getPath());
        }
        assertThat(pod.getSecurityContext().getSupplementalGroups()).containsExactly(44L);
        assertThat(pod.getNodeSelector()).containsEntry("tnet.io/fpga", "true");
        assertThat(pod.getTolerations()).anyMatch(t -> "tnet.io/fpga".equals(t.getKey()));
        // Still hardened with a card.
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);

        PersistentVolumeClaim pvc = chart.one(PersistentVolumeClaim.class);
        assertThat(volume(pod, "models").getPersistentVolumeClaim().getClaimName()).isEqualTo(pvc.getMetadata().getName());
        assertThat(mountPath(c, "models")).isEqualTo("/models");

        assertThat(chart.all(Secret.class)).as("existingSecret: the chart makes none").isEmpty();
        assertThat(volume(pod, "management-token").getSecret().getSecretName()).isEqualTo("tnet-management");

        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMinAvailable()).isNull();

        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMetrics()).anyMatch(m -> "Pods".equals(m.getType())
                && "tnet_inference_pending_requests".equals(m.getPods().getMetric().getName()));

        var monitor = RenderedChart.crdSpec(chart.custom("ServiceMonitor").orElseThrow(),
                MonitoringSpecs.ServiceMonitorSpec.class);
        assertThat(monitor.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.port()).isEqualTo("http");
            assertThat(e.path()).isEqualTo("/actuator/prometheus");
        });
        assertThat(chart.one(Service.class).getMetadata().getLabels()).containsAllEntriesOf(monitor.selector().matchLabels());

        var rules = RenderedChart.crdSpec(chart.custom("PrometheusRule").orElseThrow(),
                MonitoringSpecs.PrometheusRuleSpec.class);
        assertThat(rules.groups().getFirst().rules()).extracting(MonitoringSpecs.Rule::alert)
                .containsExactly("TnetHighErrorRate", "TnetHighP99Latency", "TnetBackendDown");
        assertThat(rules.groups().getFirst().rules().get(2).expr()).contains("backend=~\"cpu|fpga\"");
    }

    @Test
    void aTokenValueBecomesASecretMountedForTheService() {
        RenderedChart chart = RenderedChart.render(null, Map.of("managementToken.value", "s3cr3t-token"));
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().getFirst();
        Secret secret = chart.one(Secret.class);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("token")))).isEqualTo("s3cr3t-token");
        assertThat(volume(pod, "management-token").getSecret().getSecretName()).isEqualTo(secret.getMetadata().getName());
        assertThat(mountPath(c, "management-token")).isEqualTo("/var/run/secrets/tnet");
        assertThat(env(c)).containsEntry("TNET_MODELS_AUTH_TOKENFILE", "/var/run/secrets/tnet/token");
    }

    @Test
    void invalidModelRepositorySettingsFailWithTheKeyToFix() {
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("modelRepository.type", "s3")))
                .hasMessageContaining("modelRepository.type must be bundled, pvc or init");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("modelRepository.type", "pvc")))
                .hasMessageContaining("modelRepository.pvc.existingClaim");
    }

    @Test
    void initContainerFillsAnEmptyDirModelRepository() {
        RenderedChart chart = RenderedChart.render(null, Map.of("modelRepository.type", "init",
                "modelRepository.init.image", "registry.example/tools:1", "modelRepository.init.command[0]", "/fetch"));
        PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
        Container init = pod.getInitContainers().getFirst();
        assertThat(init.getCommand()).containsExactly("/fetch");
        assertThat(init.getVolumeMounts()).anyMatch(m -> "models".equals(m.getName()) && "/models".equals(m.getMountPath()));
        assertThat(volume(pod, "models").getEmptyDir()).isNotNull();
        assertThat(mountPath(pod.getContainers().getFirst(), "models")).isEqualTo("/models");
    }

    static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    static String mountPath(Container c, String volume) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume)).getMountPath();
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static ConfigMap configMap(RenderedChart chart, String name) {
        return chart.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    private static void deepMerge(ObjectNode target, JsonNode overrides) {
        for (var e : overrides.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                deepMerge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
