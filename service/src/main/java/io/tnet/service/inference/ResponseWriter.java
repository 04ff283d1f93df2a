package io.tnet.service.inference;

import io.tnet.model.Model;
import io.tnet.service.ServiceException;
import io.tnet.service.models.Execution;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes OIP v2 inference responses: raw logits ({@code FP32}, shape {@code [batch, outputs...]}), or the
 * classification extension ({@code BYTES}, shape {@code [batch, k]}, elements {@code "score:index:label"}
 * highest first, label left out when the model has none), each as JSON {@code data} or binary data
 * (binary extension; {@code BYTES} elements as 4-byte little-endian length + UTF-8).
 *
 * <p>Response {@code parameters}: {@code backend}, {@code queue_time_ns}, {@code compute_time_ns} (the
 * batch this request ran in), {@code batch_size}, {@code energy_joules} (this request's share),
 * {@code power_watts}, {@code energy_source} ({@code rapl|sensor|model|sim}); on an accelerator also
 * {@code device_cycles} and {@code device_time_ns} (the batch's cycles and their time at the configured clock).
 */
public final class ResponseWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ResponseWriter() {
    }

    /** One output to write, resolved from the request. */
    private record Plan(String name, boolean binary, int classification) {
    }

    /** Validates the requested outputs against the model; 400 for unknown names or too large k. */
    static List<Plan> plan(InferenceRequest request, Model model) {
        String name = model.output().name();
        int size = model.output().shape().size();
        List<Plan> plans = new ArrayList<>();
        if (request.outputs().isEmpty()) {
            plans.add(new Plan(name, request.binaryOutput(), 0));
            return plans;
        }
        for (InferenceRequest.RequestedOutput o : request.outputs()) {
            if (!o.name().equals(name)) {
                throw ServiceException.badRequest("unknown output '" + o.name() + "' (the model's output is '" + name + "')");
            }
            if (o.classification() > size) {
                throw ServiceException.badRequest("output '" + name + "': classification " + o.classification()
                        + " exceeds the " + size + " classes");
            }
            plans.add(new Plan(name, o.binary() != null ? o.binary() : request.binaryOutput(), o.classification()));
        }
        return plans;
    }

    static InferenceResponse write(InferenceRequest request, List<Plan> plans, Model model, String modelName,
                                   int version, int samples, Execution ex) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(256 + plans.size() * 16 * ex.logits().length);
        List<byte[]> binaries = new ArrayList<>();
        int per = model.output().shape().size();
        try (JsonGenerator g = MAPPER.createGenerator(json)) {
            g.writeStartObject();
            g.writeStringProperty("model_name", modelName);
            g.writeStringProperty("model_version", Integer.toString(version));
            if (request.id() != null) {
                g.writeStringProperty("id", request.id());
            }
            g.writeObjectPropertyStart("parameters");
            g.writeStringProperty("backend", ex.backend());
            g.writeNumberProperty("queue_time_ns", ex.queueNanos());
            g.writeNumberProperty("compute_time_ns", ex.computeNanos());
            g.writeNumberProperty("batch_size", ex.batchSize());
            g.writeNumberProperty("energy_joules", ex.energyJoules());
            g.writeNumberProperty("power_watts", ex.powerWatts());
            g.writeStringProperty("energy_source", ex.energySource().label());
            if (ex.deviceCycles() >= 0) {
                g.writeNumberProperty("device_cycles", ex.deviceCycles());
                g.writeNumberProperty("device_time_ns", ex.deviceNanos());
            }
            g.writeEndObject();
            g.writeArrayPropertyStart("outputs");
            for (Plan plan : plans) {
                g.writeStartObject();
                g.writeStringProperty("name", plan.name());
                if (plan.classification() > 0) {
                    g.writeStringProperty("datatype", "BYTES");
                    g.writeArrayPropertyStart("shape");
                    g.writeNumber(samples);
                    g.writeNumber(plan.classification());
                    g.writeEndArray();
                    List<String> classes = classify(ex.logits(), samples, per, plan.classification(), model.labels());
                    if (plan.binary()) {
                        byte[] bin = bytesTensor(classes);
                        binaries.add(bin);
                        binaryParameter(g, bin.length);
                    } else {
                        g.writeArrayPropertyStart("data");
                        for (String c : classes) {
                            g.writeString(c);
                        }
                        g.writeEndArray();
                    }
                } else {
                    g.writeStringProperty("datatype", "FP32");
                    g.writeArrayPropertyStart("shape");
                    g.writeNumber(samples);
                    for (int d : model.output().shape().dims()) {
                        g.writeNumber(d);
                    }
                    g.writeEndArray();
                    if (plan.binary()) {
                        ByteBuffer b = ByteBuffer.allocate(ex.logits().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                        for (float f : ex.logits()) {
                            b.putFloat(f);
                        }
                        binaries.add(b.array());
                        binaryParameter(g, b.capacity());
                    } else {
                        g.writeArrayPropertyStart("data");
                        for (float f : ex.logits()) {
                            g.writeNumber(f);
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        int jsonLength = json.size();
        for (byte[] b : binaries) {
            json.writeBytes(b);
        }
        return new InferenceResponse(json.toByteArray(), jsonLength);
    }

    private static void binaryParameter(JsonGenerator g, int size) {
        g.writeObjectPropertyStart("parameters");
        g.writeNumberProperty("binary_data_size", size);
        g.writeEndObject();
    }

    /** Top-k of each row as {@code "score:index[:label]"}, highest score first, ties by lower index. */
    static List<String> classify(float[] logits, int samples, int per, int k, List<String> labels) {
        List<String> out = new ArrayList<>(samples * k);
        for (int s = 0; s < samples; s++) {
            boolean[] taken = new boolean[per];
            for (int r = 0; r < k; r++) {
                int best = -1;
                for (int i = 0; i < per; i++) {
                    if (!taken[i] && (best < 0 || logits[s * per + i] > logits[s * per + best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                String entry = logits[s * per + best] + ":" + best;
                out.add(labels.isEmpty() ? entry : entry + ":" + labels.get(best));
            }
        }
        return out;
    }

    private static byte[] bytesTensor(List<String> strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
