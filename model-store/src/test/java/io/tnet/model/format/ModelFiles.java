package io.tnet.model.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Takes model files apart and puts edited ones together, for crafting invalid files in tests. */
final class ModelFiles {

    private ModelFiles() {
    }

    record Parts(ObjectNode header, byte[] data) {
    }

    static Parts split(byte[] file) {
        int n = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) Json.MAPPER.readTree(new String(file, 8, n, StandardCharsets.UTF_8));
        return new Parts(header, Arrays.copyOfRange(file, 8 + n, file.length));
    }

    static byte[] join(String header, byte[] data) {
        return join(header.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] join(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        return b.array();
    }

    static byte[] join(Parts p) {
        return join(Json.MAPPER.writeValueAsString(p.header()), p.data());
    }

    /** Edits the safetensors header JSON; data unchanged. */
    static byte[] editHeader(byte[] file, Consumer<ObjectNode> edit) {
        Parts p = split(file);
        edit.accept(p.header());
        return join(p);
    }

    /** Edits the graph JSON inside the metadata; everything else unchanged. */
    static byte[] editGraph(byte[] file, Consumer<ObjectNode> edit) {
        return editHeader(file, h -> {
            ObjectNode meta = (ObjectNode) h.get("__metadata__");
            ObjectNode graph = (ObjectNode) Json.MAPPER.readTree(meta.get(ModelFormat.GRAPH_KEY).stringValue());
            edit.accept(graph);
            meta.put(ModelFormat.GRAPH_KEY, Json.MAPPER.writeValueAsString(graph));
        });
    }

    /** Edits one tensor's bytes in place (little-endian view over exactly its data). */
    static byte[] editTensor(byte[] file, String tensor, Consumer<ByteBuffer> edit) {
        Parts p = split(file);
        JsonNode offsets = p.header().get(tensor).get("data_offsets");
        int begin = offsets.get(0).intValue();
        int end = offsets.get(1).intValue();
        edit.accept(ByteBuffer.wrap(p.data(), begin, end - begin).slice().order(ByteOrder.LITTLE_ENDIAN));
        return join(p);
    }

    static ObjectNode layer(ObjectNode graph, int i) {
        return (ObjectNode) graph.get("layers").get(i);
    }
}
