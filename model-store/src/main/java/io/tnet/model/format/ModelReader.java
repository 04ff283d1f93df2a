package io.tnet.model.format;

import io.tnet.model.F32Tensor;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Shape;
import io.tnet.model.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a model file (safetensors with the graph in its metadata, see {@code docs/model-format.md}).
 *
 * <p>All or nothing: the result is a complete, valid {@link Model} or an {@link InvalidModelException}
 * whose {@link InvalidModelException#problem() problem} names the failed check. No other exception
 * escapes for any input bytes, and {@link ReadLimits} bound what a file can make the reader allocate.
 * Stateless and thread-safe.
 */
public final class ModelReader {

    private ModelReader() {
    }

    public static Model read(Path file) {
        return read(file, ReadLimits.DEFAULTS);
    }

    public static Model read(Path file, ReadLimits limits) {
        try {
            long size = Files.size(file);
            if (size > limits.maxModelBytes()) {
                throw tooLarge(size, limits);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, limits);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(Problem.IO, "no such file: " + file, e);
        } catch (IOException e) {
            throw new InvalidModelException(Problem.IO, "cannot read " + file + ": " + e, e);
        }
    }

    public static Model read(InputStream in) {
        return read(in, ReadLimits.DEFAULTS);
    }

    /** Reads the stream to its end (at most {@code limits.maxModelBytes()} bytes); does not close it. */
    public static Model read(InputStream in, ReadLimits limits) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) limits.maxModelBytes() + 1);
        } catch (IOException e) {
            throw new InvalidModelException(Problem.IO, "cannot read model stream: " + e, e);
        }
        if (bytes.length > limits.maxModelBytes()) {
            throw tooLarge(bytes.length, limits);
        }
        return read(bytes, limits);
    }

    public static Model read(byte[] file) {
        return read(file, ReadLimits.DEFAULTS);
    }

    public static Model read(byte[] file, ReadLimits limits) {
        if (file.length > limits.maxModelBytes()) {
            throw tooLarge(file.length, limits);
        }
        try {
            return parse(file, limits);
        } catch (JacksonException e) {
            // Every JSON value is type-checked before use; this is the net for a conversion Jackson
            // refuses that a check missed. It is still a malformed header, not a library failure.
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "malformed header value: " + e.getOriginalMessage(), e);
        }
    }

    private static Model parse(byte[] file, ReadLimits limits) {
        SafetensorsHeader header = SafetensorsHeader.parse(file, limits);
        Map<String, String> metadata = new LinkedHashMap<>(header.metadata());
        String graphText = metadata.remove(ModelFormat.GRAPH_KEY);
        if (graphText == null) {
            throw new InvalidModelException(Problem.MISSING_FIELD, "__metadata__ has no '" + ModelFormat.GRAPH_KEY
                    + "' entry: a plain safetensors file, not a threshold-network model");
        }
        JsonNode graph;
        try {
            graph = Json.MAPPER.readTree(graphText);
        } catch (JacksonException e) {
            throw new InvalidModelException(Problem.BAD_HEADER_JSON, "graph JSON is malformed: " + e.getOriginalMessage(), e);
        }
        Set<String> used = new HashSet<>();
        Map<String, Tensor> decoded = new HashMap<>();
        Model model = GraphJson.fromJson(graph, name -> {
            SafetensorsHeader.Entry entry = header.entries().get(name);
            if (entry == null) {
                throw new InvalidModelException(Problem.MISSING_TENSOR, "tensor '" + name + "' required by the graph "
                        + "is not in the file");
            }
            used.add(name);
            return decoded.computeIfAbsent(name, n -> decode(file, header.dataStart(), entry));
        }, metadata);
        for (String name : header.entries().keySet()) {
            if (!used.contains(name)) {
                throw new InvalidModelException(Problem.UNEXPECTED_TENSOR, "tensor '" + name
                        + "' is not used by any layer of the graph");
            }
        }
        checkActivations(model, limits);
        return model;
    }

    private static Tensor decode(byte[] file, int dataStart, SafetensorsHeader.Entry e) {
        int[] dims = new int[e.shape().length];
        for (int i = 0; i < dims.length; i++) {
            if (e.shape()[i] < 1 || e.shape()[i] > Integer.MAX_VALUE) {
                throw new InvalidModelException(Problem.SHAPE_MISMATCH, "tensor '" + e.name() + "' has shape "
                        + java.util.Arrays.toString(e.shape()) + "; model tensors need dimensions >= 1");
            }
            dims[i] = (int) e.shape()[i];
        }
        Shape shape = Shape.of(dims);
        // Offsets were checked against the buffer, so these casts and reads stay in range.
        ByteBuffer b = ByteBuffer.wrap(file, dataStart + (int) e.begin(), (int) (e.end() - e.begin()))
                .slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = shape.size();
        return switch (e.dtype()) {
            case FP32 -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                yield F32Tensor.of(shape, v);
            }
            case INT8 -> {
                byte[] v = new byte[n];
                b.get(v);
                yield I8Tensor.of(shape, v);
            }
            case INT32 -> {
                int[] v = new int[n];
                b.asIntBuffer().get(v);
                yield I32Tensor.of(shape, v);
            }
        };
    }

    /** The graph alone can declare huge activations; bound what one inference would allocate. */
    private static void checkActivations(Model model, ReadLimits limits) {
        Shape shape = model.input().shape();
        check(shape, "input '" + model.input().name() + "'", limits);
        for (Layer layer : model.layers()) {
            shape = layer.outputShape(shape);
            check(shape, "output of layer '" + layer.name() + "'", limits);
        }
    }

    private static void check(Shape shape, String what, ReadLimits limits) {
        if (shape.size() > limits.maxActivationElements()) {
            throw new InvalidModelException(Problem.MODEL_TOO_LARGE, what + " has " + shape.size()
                    + " elements per sample, over the limit of " + limits.maxActivationElements());
        }
    }

    private static InvalidModelException tooLarge(long size, ReadLimits limits) {
        return new InvalidModelException(Problem.MODEL_TOO_LARGE, "model file is larger than the configured limit of "
                + limits.maxModelBytes() + " bytes (" + size + (size == limits.maxModelBytes() + 1 ? "+" : "") + " bytes)");
    }
}
