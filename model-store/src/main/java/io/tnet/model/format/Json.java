package io.tnet.model.format;

import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import java.util.Set;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the format package and typed accessors that turn every malformed value into
 * an {@link InvalidModelException} naming the field, never a Jackson or unchecked exception.
 */
final class Json {

    /**
     * Duplicate keys are rejected (a second "shape" must not silently win) and so is anything after
     * the top-level value. Numbers stay doubles: a float written as its exact double value reads back
     * bit for bit, and the sign of zero survives (a BigDecimal would lose it).
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Json() {
    }

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isObject()) {
            throw bad(where + "." + field + " must be a JSON object");
        }
        return n;
    }

    static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isArray()) {
            throw bad(where + "." + field + " must be a JSON array");
        }
        return n;
    }

    static String string(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isString()) {
            throw bad(where + "." + field + " must be a string, got " + n.getNodeType());
        }
        return n.stringValue();
    }

    static int integer(JsonNode parent, String field, String where) {
        return integer(require(parent, field, where), where + "." + field);
    }

    static int integer(JsonNode parent, String field, String where, int defaultValue) {
        JsonNode n = parent.get(field);
        return n == null ? defaultValue : integer(n, where + "." + field);
    }

    static int integer(JsonNode n, String what) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw bad(what + " must be an integer in the int32 range, got " + n);
        }
        return n.intValue();
    }

    static long nonNegativeLong(JsonNode n, String what) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw bad(what + " must be a non-negative 64-bit integer, got " + n);
        }
        return n.longValue();
    }

    static float floatValue(JsonNode parent, String field, String where, float defaultValue) {
        JsonNode n = parent.get(field);
        if (n == null) {
            return defaultValue;
        }
        if (!n.isNumber()) {
            throw bad(where + "." + field + " must be a number, got " + n);
        }
        return (float) n.doubleValue();
    }

    /** Two non-negative ints, e.g. {@code [kh, kw]}; {@code defaultValue} when the field is absent. */
    static int[] pair(JsonNode parent, String field, String where, int[] defaultValue) {
        JsonNode n = parent.get(field);
        if (n == null && defaultValue != null) {
            return defaultValue;
        }
        n = require(parent, field, where);
        if (!n.isArray() || n.size() != 2) {
            throw bad(where + "." + field + " must be an array of two integers, got " + n);
        }
        return new int[] {integer(n.get(0), where + "." + field + "[0]"), integer(n.get(1), where + "." + field + "[1]")};
    }

    static JsonNode require(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidModelException(Problem.MISSING_FIELD, where + " has no '" + field + "'");
        }
        return n;
    }

    /** Rejects fields outside {@code allowed}: a misspelt optional field must not be silently ignored. */
    static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw bad(where + " has unknown field '" + name + "' (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    static InvalidModelException bad(String message) {
        return new InvalidModelException(Problem.BAD_VALUE, message);
    }
}
