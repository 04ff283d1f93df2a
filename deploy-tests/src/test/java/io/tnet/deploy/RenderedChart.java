package io.tnet.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart rendered by {@code helm template} (helm-java, in-JVM) and parsed strictly into fabric8
 * Kubernetes model objects.
 *
 * <p>"Strictly": every field of every built-in kind must map onto a field of the fabric8 model. fabric8
 * keeps unknown fields in {@code additionalProperties} instead of failing, so after parsing the whole
 * object graph is walked and any non-empty {@code additionalProperties} is an error (a misspelt or
 * misplaced key in a template). Custom resources (Prometheus Operator kinds) stay generic; their specs
 * are read into records with unknown fields failing ({@link #crdSpec}).
 */
final class RenderedChart {

    static final String RELEASE = "tnet";
    static final String NAMESPACE = "inference";
    /** Kubernetes version rendered for (helm-java defaults to 1.20, below the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String yaml;
    private final List<HasMetadata> objects;

    private RenderedChart(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /** Renders the chart with its default values plus the given values file (may be null) and --set pairs. */
    static RenderedChart render(Path valuesFile, Map<String, String> set) {
        TemplateCommand cmd = new Helm(RepoPaths.chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            cmd = cmd.withValuesFile(valuesFile);
        }
        for (var e : set.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        String out = cmd.call();
        return new RenderedChart(out, parse(out));
    }

    /** The raw rendered manifests. */
    String yaml() {
        return yaml;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    /** All objects of a fabric8 type. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The single object of a type; fails if there is none or more than one. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** A custom resource by kind, if rendered. */
    Optional<GenericKubernetesResource> custom(String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).findFirst();
    }

    /** Reads a custom resource's {@code spec} into a record; unknown fields fail. */
    static <T> T crdSpec(GenericKubernetesResource resource, Class<T> type) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec == null) {
            throw new AssertionError(resource.getKind() + " has no spec");
        }
        return STRICT_YAML.convertValue(spec, type);
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> result = new ArrayList<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(doc);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object: " + doc);
            }
            if (!(object instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                findUnknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
                if (!unknown.isEmpty()) {
                    throw new AssertionError("fields unknown to the Kubernetes model: " + unknown + "\n" + doc);
                }
            }
            result.add(object);
        }
        return result;
    }

    /** Walks the fabric8 object graph and collects every non-empty additionalProperties with its path. */
    private static void findUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                findUnknownFields(o, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> findUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!(node instanceof KubernetesResource) || !node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")));
                }
            } else {
                findUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
