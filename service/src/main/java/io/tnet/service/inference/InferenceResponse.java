package io.tnet.service.inference;

/**
 * A serialized inference response.
 *
 * @param body       the JSON object, followed by binary output data when {@code jsonLength < body.length}
 * @param jsonLength length of the JSON part; the {@code Inference-Header-Content-Length} when binary
 *                   outputs follow
 */
public record InferenceResponse(byte[] body, int jsonLength) {

    /** True when binary output data follows the JSON header. */
    public boolean hasBinary() {
        return jsonLength < body.length;
    }
}
