package io.tnet.service.inference;

import io.tnet.service.ServiceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses OIP v2 inference requests: plain JSON, or the binary tensor extension (a JSON header of
 * {@code Inference-Header-Content-Length} bytes followed by the tensors whose inputs carry
 * {@code parameters.binary_data_size}, in input order).
 *
 * <p>Streaming: {@code data} arrays (flat or nested, any depth) go straight into a {@code double[]}
 * without building a tree, which is most of the request cost for image-sized inputs. Every malformed
 * input is a 400 naming what is wrong. Stateless and thread-safe.
 */
public final class RequestParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private RequestParser() {
    }

    /**
     * Parses {@code body}; {@code headerLength} is the {@code Inference-Header-Content-Length} value, or
     * {@code -1} for a pure JSON request.
     */
    public static InferenceRequest parse(byte[] body, long headerLength) {
        int jsonLength = body.length;
        if (headerLength >= 0) {
            if (headerLength > body.length) {
                throw ServiceException.badRequest("Inference-Header-Content-Length " + headerLength
                        + " exceeds the body length " + body.length);
            }
            jsonLength = (int) headerLength;
        }
        Parsed request;
        try (JsonParser p = MAPPER.createParser(body, 0, jsonLength)) {
            request = parseRequest(p);
            if (p.nextToken() != null) {
                throw ServiceException.badRequest("malformed JSON: trailing content after the request object");
            }
        } catch (JacksonException e) {
            throw ServiceException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        return attachBinary(request, body, jsonLength, headerLength >= 0);
    }

    /** The request as read, before datatype checks and binary data. */
    private record Parsed(String id, Map<String, Object> parameters, List<RawInput> inputs,
                          List<InferenceRequest.RequestedOutput> outputs) {
    }

    private static Parsed parseRequest(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw ServiceException.badRequest("malformed JSON: the request must be a JSON object");
        }
        String id = null;
        Map<String, Object> parameters = Map.of();
        List<RawInput> inputs = null;
        List<InferenceRequest.RequestedOutput> outputs = List.of();
        String field;
        while ((field = p.nextName()) != null) {
            switch (field) {
                case "id" -> {
                    p.nextToken();
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw ServiceException.badRequest("'id' must be a string");
                    }
                    id = p.getString();
                }
                case "parameters" -> parameters = parameters(p, "parameters");
                case "inputs" -> inputs = inputs(p);
                case "outputs" -> outputs = outputs(p);
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        if (inputs == null || inputs.isEmpty()) {
            throw ServiceException.badRequest("the request has no 'inputs'");
        }
        return new Parsed(id, parameters, inputs, outputs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(JsonParser p, String where) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw ServiceException.badRequest("'" + where + "' must be an object");
        }
        return MAPPER.readValue(p, LinkedHashMap.class);
    }

    /** An input as read, before its binary data is attached. */
    private static final class RawInput {
        String name;
        String datatype;
        long[] shape;
        double[] values;
        int count;
        Map<String, Object> parameters = Map.of();

        InferenceRequest.Input toInput() {
            if (name == null) {
                throw ServiceException.badRequest("an input has no 'name'");
            }
            if (shape == null) {
                throw ServiceException.badRequest("input '" + name + "' has no 'shape'");
            }
            Datatype dt = Datatype.parse(datatype);
            if (values != null) {
                for (int i = 0; i < count; i++) {
                    if (!dt.accepts(values[i])) {
                        throw ServiceException.badRequest("input '" + name + "': value " + values[i]
                                + " at index " + i + " is not a valid " + dt);
                    }
                }
            }
            return new InferenceRequest.Input(name, dt, shape, values, count, null);
        }

        long binarySize() {
            Object v = parameters.get("binary_data_size");
            if (v == null) {
                return -1;
            }
            if (!(v instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
                throw ServiceException.badRequest("input '" + name + "': binary_data_size must be a non-negative integer, got " + v);
            }
            return n.longValue();
        }
    }

    private static List<RawInput> inputs(JsonParser p) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw ServiceException.badRequest("'inputs' must be an array");
        }
        List<RawInput> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            RawInput in = new RawInput();
            String field;
            while ((field = p.nextName()) != null) {
                switch (field) {
                    case "name" -> in.name = string(p, "input name");
                    case "datatype" -> in.datatype = string(p, "input datatype");
                    case "shape" -> in.shape = shape(p);
                    case "parameters" -> in.parameters = parameters(p, "input parameters");
                    case "data" -> {
                        p.nextToken();
                        double[][] holder = {new double[1024]};
                        int[] n = {0};
                        data(p, holder, n, 0);
                        in.values = holder[0];
                        in.count = n[0];
                    }
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            out.add(in);
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw ServiceException.badRequest("'inputs' must be an array of objects");
        }
        return out;
    }

    private static String string(JsonParser p, String what) {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw ServiceException.badRequest(what + " must be a string");
        }
        return p.getString();
    }

    private static long[] shape(JsonParser p) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw ServiceException.badRequest("'shape' must be an array of integers");
        }
        long[] s = new long[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw ServiceException.badRequest("'shape' must be an array of integers");
            }
            long d = p.getLongValue();
            if (d < 0) {
                throw ServiceException.badRequest("shape dimensions must be >= 0, got " + d);
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
            }
            s[n++] = d;
        }
        return Arrays.copyOf(s, n);
    }

    /** Flattens a (possibly nested) array of numbers into holder[0], count in n[0]. */
    private static void data(JsonParser p, double[][] holder, int[] n, int depth) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw ServiceException.badRequest("'data' must be an array of numbers (flat or nested)");
        }
        if (depth > 32) {
            throw ServiceException.badRequest("'data' is nested too deeply");
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            double v;
            switch (t) {
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw ServiceException.badRequest("'data' value " + p.getText() + " is out of range");
                    }
                    v = p.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> v = p.getDoubleValue();
                case START_ARRAY -> {
                    data(p, holder, n, depth + 1);
                    continue;
                }
                case null -> throw ServiceException.badRequest("malformed JSON: unexpected end inside 'data'");
                default -> throw ServiceException.badRequest("'data' must hold numbers only, found " + t);
            }
            if (n[0] == holder[0].length) {
                holder[0] = Arrays.copyOf(holder[0], holder[0].length * 2);
            }
            holder[0][n[0]++] = v;
        }
    }

    private static List<InferenceRequest.RequestedOutput> outputs(JsonParser p) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw ServiceException.badRequest("'outputs' must be an array");
        }
        List<InferenceRequest.RequestedOutput> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            Map<String, Object> params = Map.of();
            String field;
            while ((field = p.nextName()) != null) {
                switch (field) {
                    case "name" -> name = string(p, "output name");
                    case "parameters" -> params = parameters(p, "output parameters");
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            if (name == null) {
                throw ServiceException.badRequest("a requested output has no 'name'");
            }
            Object b = params.get("binary_data");
            if (b != null && !(b instanceof Boolean)) {
                throw ServiceException.badRequest("output '" + name + "': binary_data must be true or false");
            }
            int k = 0;
            Object c = params.get("classification");
            if (c != null) {
                if (!(c instanceof Number num) || num.doubleValue() != num.intValue() || num.intValue() < 1) {
                    throw ServiceException.badRequest("output '" + name + "': classification must be a positive integer, got " + c);
                }
                k = num.intValue();
            }
            out.add(new InferenceRequest.RequestedOutput(name, (Boolean) b, k));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw ServiceException.badRequest("'outputs' must be an array of objects");
        }
        return out;
    }

    private static InferenceRequest attachBinary(Parsed request, byte[] body, int jsonLength, boolean binary) {
        List<InferenceRequest.Input> inputs = new ArrayList<>();
        int offset = jsonLength;
        for (RawInput raw : request.inputs()) {
            InferenceRequest.Input in = raw.toInput();
            long size = raw.binarySize();
            if (size < 0) {
                if (in.values() == null) {
                    throw ServiceException.badRequest("input '" + in.name() + "' has neither 'data' nor "
                            + "parameters.binary_data_size");
                }
                inputs.add(in);
                continue;
            }
            if (!binary) {
                throw ServiceException.badRequest("input '" + in.name() + "' declares binary_data_size but the request "
                        + "has no Inference-Header-Content-Length header");
            }
            if (in.values() != null) {
                throw ServiceException.badRequest("input '" + in.name() + "' has both 'data' and binary_data_size");
            }
            if (size > body.length - offset) {
                throw ServiceException.badRequest("input '" + in.name() + "': binary_data_size " + size + " exceeds the "
                        + (body.length - offset) + " bytes left in the body");
            }
            if (size % in.datatype().byteSize() != 0) {
                throw ServiceException.badRequest("input '" + in.name() + "': binary_data_size " + size
                        + " is not a multiple of the " + in.datatype() + " element size " + in.datatype().byteSize());
            }
            ByteBuffer slice = ByteBuffer.wrap(body, offset, (int) size).slice().order(ByteOrder.LITTLE_ENDIAN);
            offset += (int) size;
            inputs.add(new InferenceRequest.Input(in.name(), in.datatype(), in.shape(), null,
                    (int) (size / in.datatype().byteSize()), slice));
        }
        if (offset != body.length) {
            throw ServiceException.badRequest("the body has " + (body.length - offset) + " bytes after the JSON header "
                    + "and the declared binary inputs");
        }
        return new InferenceRequest(request.id(), request.parameters(), inputs, request.outputs());
    }
}
