package io.tnet.service.inference;

import io.tnet.model.Model;
import io.tnet.model.Shape;
import io.tnet.service.ServiceException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Checks a request's input against the model's input spec and converts it to the model's raw FP32
 * rows. The wire shape is {@code [batch, sample dims...]}; a shape equal to the per-sample shape is one
 * sample; any other shape whose trailing dimensions hold exactly one sample is accepted too (e.g.
 * {@code [n, 1, 28, 28]} for a {@code [784]} input), since the data is row-major either way.
 */
public final class InputConverter {

    private InputConverter() {
    }

    /** Raw rows for the model and the number of samples. */
    public record Rows(float[] raw, int samples) {
    }

    public static Rows convert(InferenceRequest request, Model model) {
        if (request.inputs().size() != 1) {
            throw ServiceException.badRequest("model '" + model.name() + "' takes exactly one input ('"
                    + model.input().name() + "'), the request has " + request.inputs().size());
        }
        InferenceRequest.Input in = request.inputs().getFirst();
        if (!in.name().equals(model.input().name())) {
            throw ServiceException.badRequest("unknown input '" + in.name() + "' (the model's input is '"
                    + model.input().name() + "')");
        }
        Shape sample = model.input().shape();
        int per = sample.size();
        int samples = samples(in.shape(), sample);
        long expected = (long) samples * per;
        if (in.valueCount() != expected) {
            throw ServiceException.badRequest("input '" + in.name() + "': shape " + Arrays.toString(in.shape())
                    + " needs " + expected + " values, got " + in.valueCount());
        }
        float[] raw = new float[(int) expected];
        if (in.values() != null) {
            double[] v = in.values();
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (float) v[i];
            }
        } else {
            readBinary(in, raw);
        }
        for (int i = 0; i < raw.length; i++) {
            if (!Float.isFinite(raw[i])) {
                throw ServiceException.badRequest("input '" + in.name() + "': value at index " + i
                        + " is not a finite FP32 number");
            }
        }
        return new Rows(raw, samples);
    }

    private static int samples(long[] shape, Shape sample) {
        int per = sample.size();
        if (shape.length >= 2) {
            long rest = 1;
            for (int i = 1; i < shape.length; i++) {
                rest = Math.multiplyHigh(rest, shape[i]) != 0 ? Long.MAX_VALUE : rest * shape[i];
            }
            if (rest == per && shape[0] >= 1) {
                return checkBatch(shape[0]);
            }
        }
        if (shape.length == sample.rank()) {
            boolean same = true;
            for (int i = 0; i < shape.length; i++) {
                same &= shape[i] == sample.dim(i);
            }
            if (same) {
                return 1;
            }
        }
        throw ServiceException.badRequest("wrong shape " + Arrays.toString(shape) + ": the model takes [batch, "
                + sample.toString().substring(1) + " (or one sample " + sample + ")");
    }

    private static int checkBatch(long n) {
        if (n > 65_536) {
            throw ServiceException.badRequest("batch dimension " + n + " is too large (at most 65536 per request)");
        }
        return (int) n;
    }

    private static void readBinary(InferenceRequest.Input in, float[] raw) {
        ByteBuffer b = in.binary().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Datatype dt = in.datatype();
        for (int i = 0; i < raw.length; i++) {
            raw[i] = switch (dt) {
                case FP16 -> Float.float16ToFloat(b.getShort());
                case FP32 -> b.getFloat();
                case FP64 -> (float) b.getDouble();
                case INT8 -> b.get();
                case UINT8 -> b.get() & 0xff;
                case INT16 -> b.getShort();
                case UINT16 -> b.getShort() & 0xffff;
                case INT32 -> b.getInt();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case INT64 -> b.getLong();
            };
        }
    }
}
