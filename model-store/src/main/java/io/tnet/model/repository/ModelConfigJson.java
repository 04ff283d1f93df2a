package io.tnet.model.repository;

import io.tnet.model.repository.ModelConfig.Backend;
import io.tnet.model.repository.ModelConfig.Batching;
import io.tnet.model.repository.ModelConfig.VersionPolicy;
import io.tnet.model.repository.ModelRepositoryException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code config.json}. Strict: unknown fields and wrong types are errors naming the
 * field, because a misspelt setting silently falling back to its default is worse than a failed load.
 */
public final class ModelConfigJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelConfigJson() {
    }

    /**
     * Parses a config.json text; {@code where} names the file in error messages.
     *
     * @throws ModelRepositoryException with {@code BAD_CONFIG}
     */
    public static ModelConfig parse(String json, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw bad(where, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(where, "must be a JSON object");
        }
        try {
            only(root, Set.of("backend", "versionPolicy", "batching", "load"), where, "");
            Backend backend = ModelConfig.DEFAULTS.backend();
            if (root.has("backend")) {
                String b = string(root.get("backend"), where, "backend");
                backend = switch (b) {
                    case "auto" -> Backend.AUTO;
                    case "cpu" -> Backend.CPU;
                    case "fpga" -> Backend.FPGA;
                    default -> throw bad(where, "backend must be \"auto\", \"cpu\" or \"fpga\", got \"" + b + "\"");
                };
            }
            VersionPolicy policy = root.has("versionPolicy") ? policy(root.get("versionPolicy"), where)
                    : ModelConfig.DEFAULTS.versionPolicy();
            Batching batching = root.has("batching") ? batching(root.get("batching"), where) : Batching.DEFAULTS;
            boolean load = ModelConfig.DEFAULTS.load();
            if (root.has("load")) {
                if (!root.get("load").isBoolean()) {
                    throw bad(where, "load must be true or false");
                }
                load = root.get("load").booleanValue();
            }
            return new ModelConfig(backend, policy, batching, load);
        } catch (IllegalArgumentException e) {
            throw bad(where, e.getMessage());
        }
    }

    private static VersionPolicy policy(JsonNode p, String where) {
        if (!p.isObject() || p.size() != 1) {
            throw bad(where, "versionPolicy must be an object with exactly one of latest, all, specific");
        }
        only(p, Set.of("latest", "all", "specific"), where, "versionPolicy.");
        String kind = p.propertyNames().iterator().next();
        JsonNode body = p.get(kind);
        if (!body.isObject()) {
            throw bad(where, "versionPolicy." + kind + " must be an object");
        }
        return switch (kind) {
            case "latest" -> {
                only(body, Set.of("numVersions"), where, "versionPolicy.latest.");
                yield new VersionPolicy.Latest(body.has("numVersions")
                        ? integer(body.get("numVersions"), where, "versionPolicy.latest.numVersions") : 1);
            }
            case "all" -> {
                only(body, Set.of(), where, "versionPolicy.all.");
                yield new VersionPolicy.All();
            }
            default -> {
                only(body, Set.of("versions"), where, "versionPolicy.specific.");
                JsonNode v = body.get("versions");
                if (v == null || !v.isArray()) {
                    throw bad(where, "versionPolicy.specific.versions must be an array of positive integers");
                }
                List<Integer> versions = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    versions.add(integer(v.get(i), where, "versionPolicy.specific.versions[" + i + "]"));
                }
                yield new VersionPolicy.Specific(versions);
            }
        };
    }

    private static Batching batching(JsonNode b, String where) {
        if (!b.isObject()) {
            throw bad(where, "batching must be an object");
        }
        only(b, Set.of("enabled", "maxBatchSize", "maxQueueDelayMicros", "maxQueueSize", "timeoutMillis"), where,
                "batching.");
        Batching d = Batching.DEFAULTS;
        boolean enabled = d.enabled();
        if (b.has("enabled")) {
            if (!b.get("enabled").isBoolean()) {
                throw bad(where, "batching.enabled must be true or false");
            }
            enabled = b.get("enabled").booleanValue();
        }
        return new Batching(enabled,
                b.has("maxBatchSize") ? integer(b.get("maxBatchSize"), where, "batching.maxBatchSize") : d.maxBatchSize(),
                b.has("maxQueueDelayMicros") ? longValue(b.get("maxQueueDelayMicros"), where, "batching.maxQueueDelayMicros")
                        : d.maxQueueDelayMicros(),
                b.has("maxQueueSize") ? integer(b.get("maxQueueSize"), where, "batching.maxQueueSize") : d.maxQueueSize(),
                b.has("timeoutMillis") ? longValue(b.get("timeoutMillis"), where, "batching.timeoutMillis")
                        : d.timeoutMillis());
    }

    /** The config as JSON; every field written, so the file documents the effective settings. */
    public static String toJson(ModelConfig c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("backend", c.backend().jsonName());
        ObjectNode policy = root.putObject("versionPolicy");
        switch (c.versionPolicy()) {
            case VersionPolicy.Latest l -> policy.putObject("latest").put("numVersions", l.numVersions());
            case VersionPolicy.All ignored -> policy.putObject("all");
            case VersionPolicy.Specific s -> {
                ArrayNode versions = policy.putObject("specific").putArray("versions");
                s.versions().forEach(versions::add);
            }
        }
        Batching b = c.batching();
        root.putObject("batching")
                .put("enabled", b.enabled())
                .put("maxBatchSize", b.maxBatchSize())
                .put("maxQueueDelayMicros", b.maxQueueDelayMicros())
                .put("maxQueueSize", b.maxQueueSize())
                .put("timeoutMillis", b.timeoutMillis());
        root.put("load", c.load());
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static void only(JsonNode node, Set<String> allowed, String where, String prefix) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw bad(where, "unknown field '" + prefix + name + "'" + (allowed.isEmpty() ? ""
                        : " (allowed: " + allowed.stream().sorted().toList() + ")"));
            }
        }
    }

    private static String string(JsonNode n, String where, String field) {
        if (!n.isString()) {
            throw bad(where, field + " must be a string");
        }
        return n.stringValue();
    }

    private static int integer(JsonNode n, String where, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw bad(where, field + " must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static long longValue(JsonNode n, String where, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad(where, field + " must be an integer, got " + n);
        }
        return n.longValue();
    }

    private static ModelRepositoryException bad(String where, String why) {
        return new ModelRepositoryException(Reason.BAD_CONFIG, where + ": " + why);
    }
}
