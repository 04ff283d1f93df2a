package io.tnet.service.inference;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * A parsed OIP v2 inference request.
 *
 * @param id         the client's request id, echoed in the response; may be null
 * @param parameters request-level parameters (e.g. {@code binary_data_output})
 * @param inputs     input tensors in request order
 * @param outputs    requested outputs; empty = all outputs, as JSON
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<Input> inputs,
                               List<RequestedOutput> outputs) {

    /** True when the request asks for every output in binary form ({@code binary_data_output}). */
    public boolean binaryOutput() {
        return Boolean.TRUE.equals(parameters.get("binary_data_output"));
    }

    /**
     * One input tensor. Exactly one of {@code values} (JSON data, widened to double) and {@code binary}
     * (little-endian bytes from the binary extension) is set.
     */
    public record Input(String name, Datatype datatype, long[] shape, double[] values, int valueCount,
                        ByteBuffer binary) {
    }

    /**
     * A requested output.
     *
     * @param name           output name
     * @param binary         return as binary data ({@code parameters.binary_data})
     * @param classification top-k classification count, 0 = raw tensor
     */
    public record RequestedOutput(String name, Boolean binary, int classification) {
    }
}
