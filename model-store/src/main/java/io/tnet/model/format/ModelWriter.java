package io.tnet.model.format;

import io.tnet.model.F32Tensor;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.InvalidModelException;
import io.tnet.model.InvalidModelException.Problem;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Model} as a model file: a standard safetensors file whose {@code __metadata__}
 * holds the graph JSON under {@link ModelFormat#GRAPH_KEY} and the model's free-form metadata under
 * their own keys. Tensors are named {@code <layer>.<role>}, stored little-endian in layer order,
 * contiguously; the header is padded with spaces so the data starts 8-byte aligned.
 *
 * <p>Deterministic: equal models give identical bytes. {@link ModelReader} reads the result back to an
 * equal model. Stateless and thread-safe.
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /** Writes the model to {@code out} (not closed). */
    public static void write(Model model, OutputStream out) throws IOException {
        Layout layout = layout(model);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(layout.header().length).array());
        out.write(layout.header());
        for (Tensor t : layout.tensors()) {
            out.write(bytes(t));
        }
    }

    /**
     * Writes the model to {@code file}, replacing it. Not atomic; publish into a repository through
     * {@code io.tnet.model.repository.ModelRepository#publish}, which is.
     */
    public static void write(Model model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(model, out);
        }
    }

    public static byte[] toBytes(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    private record Layout(byte[] header, List<Tensor> tensors) {
    }

    private static Layout layout(Model model) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        ObjectNode meta = header.putObject(ModelFormat.METADATA_KEY);
        meta.put(ModelFormat.GRAPH_KEY, Json.MAPPER.writeValueAsString(GraphJson.toJson(model)));
        for (var e : new TreeMap<>(model.metadata()).entrySet()) {
            if (e.getKey().equals(ModelFormat.GRAPH_KEY)) {
                throw new InvalidModelException(Problem.BAD_VALUE, "metadata key '" + ModelFormat.GRAPH_KEY
                        + "' is reserved for the graph");
            }
            meta.put(e.getKey(), e.getValue());
        }
        List<Tensor> tensors = new ArrayList<>();
        long offset = 0;
        for (Layer layer : model.layers()) {
            for (Layer.NamedTensor nt : layer.tensors()) {
                Tensor t = nt.tensor();
                long size = (long) t.size() * t.elementType().byteSize();
                ObjectNode entry = header.putObject(layer.name() + "." + nt.role());
                entry.put("dtype", t.elementType().safetensorsName());
                ArrayNode shape = entry.putArray("shape");
                t.shape().dims().forEach(shape::add);
                entry.putArray("data_offsets").add(offset).add(offset + size);
                offset += size;
                tensors.add(t);
            }
        }
        byte[] json = Json.MAPPER.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        // Pad with spaces (JSON whitespace, allowed by safetensors) so the data buffer is 8-byte aligned.
        int padded = (json.length + 7) & ~7;
        byte[] h = new byte[padded];
        System.arraycopy(json, 0, h, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            h[i] = ' ';
        }
        if (8L + padded + offset > ReadLimits.MAX_MODEL_BYTES) {
            throw new InvalidModelException(Problem.MODEL_TOO_LARGE, "model would be " + (8L + padded + offset)
                    + " bytes, over the format's limit of " + ReadLimits.MAX_MODEL_BYTES);
        }
        return new Layout(h, tensors);
    }

    private static byte[] bytes(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * t.elementType().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F32Tensor f -> b.asFloatBuffer().put(f.toArray());
            case I8Tensor i -> b.put(i.toArray());
            case I32Tensor i -> b.asIntBuffer().put(i.toArray());
        }
        return b.array();
    }
}
