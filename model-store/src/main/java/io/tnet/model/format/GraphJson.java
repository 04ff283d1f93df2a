package io.tnet.model.format;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Dense;
import io.tnet.model.ElementType;
import io.tnet.model.Flatten;
import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import io.tnet.model.Layer;
import io.tnet.model.Layer.LayerKind;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.Tensor;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The network graph as JSON (stored as a string under {@link ModelFormat#GRAPH_KEY} of the
 * safetensors metadata). Field names follow the Java records; {@code docs/model-format.md} is the
 * normative description.
 */
final class GraphJson {

    private static final Set<String> TOP_FIELDS = Set.of("formatVersion", "name", "precision", "input", "output",
            "labels", "preprocessing", "quantization", "layers");
    private static final Set<String> SPEC_FIELDS = Set.of("name", "datatype", "shape");
    private static final Set<String> DENSE_FIELDS = Set.of("kind", "name", "inputs", "outputs", "scaleExp");
    private static final Set<String> MI_DENSE_FIELDS = Set.of("kind", "name", "inputs", "outputs", "scaleExp", "activation");
    private static final Set<String> CONV_FIELDS = Set.of("kind", "name", "inChannels", "outChannels", "kernel",
            "stride", "padding", "scaleExp");
    private static final Set<String> MI_CONV_FIELDS = Set.of("kind", "name", "inChannels", "outChannels", "kernel",
            "stride", "padding", "scaleExp", "activation");

    private GraphJson() {
    }

    // ---- writing ------------------------------------------------------------------------------

    static ObjectNode toJson(Model model) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("formatVersion", model.formatVersion());
        g.put("name", model.name());
        g.put("precision", model.precision().name());
        g.set("input", spec(model.input()));
        g.set("output", spec(model.output()));
        ArrayNode labels = g.putArray("labels");
        model.labels().forEach(labels::add);
        ObjectNode pre = g.putObject("preprocessing");
        // Written as the exact double value of the float, so the reader's double -> float is exact.
        pre.put("scale", (double) model.preprocessing().scale());
        pre.put("offset", (double) model.preprocessing().offset());
        if (model.precision() == Precision.INT8) {
            ObjectNode q = g.putObject("quantization");
            q.put("inputFracBits", model.quantization().inputFracBits());
            q.put("outputFracBits", model.quantization().outputFracBits());
        }
        ArrayNode layers = g.putArray("layers");
        for (Layer layer : model.layers()) {
            ObjectNode l = layers.addObject();
            l.put("kind", layer.kind().fileName());
            l.put("name", layer.name());
            switch (layer) {
                case ThresholdDense d -> {
                    l.put("inputs", d.inputs());
                    l.put("outputs", d.outputs());
                    l.put("scaleExp", d.scaleExp());
                }
                case ThresholdConv2d c -> {
                    geometry(l, c.geometry());
                    l.put("scaleExp", c.scaleExp());
                }
                case Dense d -> {
                    l.put("inputs", d.inputs());
                    l.put("outputs", d.outputs());
                    l.put("scaleExp", d.scaleExp());
                    l.put("activation", d.activation().name());
                }
                case Conv2d c -> {
                    geometry(l, c.geometry());
                    l.put("scaleExp", c.scaleExp());
                    l.put("activation", c.activation().name());
                }
                case Flatten ignored -> {
                }
            }
        }
        return g;
    }

    private static ObjectNode spec(TensorSpec spec) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("name", spec.name());
        s.put("datatype", spec.datatype().oipName());
        ArrayNode shape = s.putArray("shape");
        spec.wireShape().forEach(shape::add);
        return s;
    }

    private static void geometry(ObjectNode l, Conv2dGeometry g) {
        l.put("inChannels", g.inChannels());
        l.put("outChannels", g.outChannels());
        l.putArray("kernel").add(g.kernelH()).add(g.kernelW());
        l.putArray("stride").add(g.strideH()).add(g.strideW());
        l.putArray("padding").add(g.padH()).add(g.padW());
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * Builds the model from its graph; {@code tensors} resolves a file tensor name such as
     * {@code fc1.thresholds} (and throws {@code MISSING_TENSOR} for an absent one).
     */
    static Model fromJson(JsonNode g, Function<String, Tensor> tensors, Map<String, String> metadata) {
        if (!g.isObject()) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "the graph must be a JSON object");
        }
        // The version decides how to read everything else, so it is checked first.
        int version = Json.integer(g, "formatVersion", "graph");
        if (version != Model.FORMAT_VERSION) {
            throw new InvalidModelException(Problem.UNSUPPORTED_VERSION, "format version " + version
                    + " is not supported (this library reads version " + Model.FORMAT_VERSION + ")");
        }
        Json.onlyFields(g, TOP_FIELDS, "graph");
        String name = Json.string(g, "name", "graph");
        Precision precision = precision(Json.string(g, "precision", "graph"));
        TensorSpec input = spec(Json.object(g, "input", "graph"), "graph.input");
        TensorSpec output = spec(Json.object(g, "output", "graph"), "graph.output");
        List<String> labels = new ArrayList<>();
        if (g.has("labels")) {
            JsonNode arr = Json.array(g, "labels", "graph");
            for (int i = 0; i < arr.size(); i++) {
                if (!arr.get(i).isString()) {
                    throw Json.bad("graph.labels[" + i + "] must be a string");
                }
                labels.add(arr.get(i).stringValue());
            }
        }
        Preprocessing preprocessing = Preprocessing.IDENTITY;
        if (g.has("preprocessing")) {
            JsonNode p = Json.object(g, "preprocessing", "graph");
            Json.onlyFields(p, Set.of("scale", "offset"), "graph.preprocessing");
            preprocessing = new Preprocessing(Json.floatValue(p, "scale", "graph.preprocessing", 1f),
                    Json.floatValue(p, "offset", "graph.preprocessing", 0f));
        }
        Quantization quantization = Quantization.NONE;
        if (g.has("quantization")) {
            JsonNode q = Json.object(g, "quantization", "graph");
            Json.onlyFields(q, Set.of("inputFracBits", "outputFracBits"), "graph.quantization");
            quantization = new Quantization(Json.integer(q, "inputFracBits", "graph.quantization"),
                    Json.integer(q, "outputFracBits", "graph.quantization"));
        } else if (precision == Precision.INT8) {
            throw new InvalidModelException(Problem.MISSING_FIELD, "an INT8 model needs graph.quantization");
        }
        JsonNode layerArray = Json.array(g, "layers", "graph");
        List<Layer> layers = new ArrayList<>(layerArray.size());
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < layerArray.size(); i++) {
            Layer layer = layer(layerArray.get(i), "graph.layers[" + i + "]", names, tensors);
            layers.add(layer);
        }
        return new Model(version, name, precision, input, output, labels, preprocessing, quantization, layers, metadata);
    }

    private static Precision precision(String s) {
        try {
            return Precision.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw Json.bad("graph.precision must be FLOAT32 or INT8, got '" + s + "'");
        }
    }

    private static TensorSpec spec(JsonNode s, String where) {
        Json.onlyFields(s, SPEC_FIELDS, where);
        String name = Json.string(s, "name", where);
        ElementType datatype = ElementType.fromOip(Json.string(s, "datatype", where));
        JsonNode shape = Json.array(s, "shape", where);
        JsonNode batch = shape.get(0);
        if (shape.size() < 2 || !batch.isIntegralNumber() || !batch.canConvertToInt() || batch.intValue() != -1) {
            throw new InvalidModelException(Problem.SHAPE_MISMATCH, where + ".shape must be [-1, d1, ...] (batch "
                    + "dimension -1 first, then the per-sample dimensions), got " + shape);
        }
        int[] dims = new int[shape.size() - 1];
        for (int i = 1; i < shape.size(); i++) {
            dims[i - 1] = Json.integer(shape.get(i), where + ".shape[" + i + "]");
        }
        return new TensorSpec(name, datatype, Shape.of(dims));
    }

    private static Layer layer(JsonNode l, String where, Set<String> names, Function<String, Tensor> tensors) {
        if (l == null || !l.isObject()) {
            throw Json.bad(where + " must be a JSON object");
        }
        LayerKind kind = LayerKind.fromFileName(Json.string(l, "kind", where));
        String name = Json.string(l, "name", where);
        // Checked before tensors are looked up: two layers of one name would otherwise share tensors.
        if (!names.add(name)) {
            throw Json.bad(where + ": duplicate layer name '" + name + "'");
        }
        where = where + " (" + name + ")";
        Function<String, Tensor> t = role -> tensors.apply(name + "." + role);
        return switch (kind) {
            case THRESHOLD_DENSE -> {
                Json.onlyFields(l, DENSE_FIELDS, where);
                yield new ThresholdDense(name, Json.integer(l, "inputs", where), Json.integer(l, "outputs", where),
                        Json.integer(l, "scaleExp", where), t.apply("thresholds"), t.apply("signs"), t.apply("bias"));
            }
            case THRESHOLD_CONV2D -> {
                Json.onlyFields(l, CONV_FIELDS, where);
                yield new ThresholdConv2d(name, geometry(l, where), Json.integer(l, "scaleExp", where),
                        t.apply("thresholds"), t.apply("signs"), t.apply("bias"));
            }
            case DENSE -> {
                Json.onlyFields(l, MI_DENSE_FIELDS, where);
                yield new Dense(name, Json.integer(l, "inputs", where), Json.integer(l, "outputs", where),
                        Json.integer(l, "scaleExp", where), activation(l, where), t.apply("weights"), t.apply("bias"));
            }
            case CONV2D -> {
                Json.onlyFields(l, MI_CONV_FIELDS, where);
                yield new Conv2d(name, geometry(l, where), Json.integer(l, "scaleExp", where), activation(l, where),
                        t.apply("weights"), t.apply("bias"));
            }
            case FLATTEN -> {
                Json.onlyFields(l, Set.of("kind", "name"), where);
                yield new Flatten(name);
            }
        };
    }

    private static Conv2dGeometry geometry(JsonNode l, String where) {
        int[] kernel = Json.pair(l, "kernel", where, null);
        int[] stride = Json.pair(l, "stride", where, new int[] {1, 1});
        int[] padding = Json.pair(l, "padding", where, new int[] {0, 0});
        return new Conv2dGeometry(Json.integer(l, "inChannels", where), Json.integer(l, "outChannels", where),
                kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1]);
    }

    private static Activation activation(JsonNode l, String where) {
        if (!l.has("activation")) {
            return Activation.NONE;
        }
        String a = Json.string(l, "activation", where);
        try {
            return Activation.valueOf(a);
        } catch (IllegalArgumentException e) {
            throw Json.bad(where + ".activation must be NONE or RELU, got '" + a + "'");
        }
    }
}
