package io.tnet.service.inference;

import io.tnet.service.ServiceException;

/**
 * Tensor datatypes of the Open Inference Protocol that the service accepts as input, with their byte
 * size in the binary extension and their value range. Every value is converted to the model's FP32
 * input; integer types must hold integers within their range.
 */
public enum Datatype {
    FP16(2, true, -65504, 65504),
    FP32(4, true, -Double.MAX_VALUE, Double.MAX_VALUE),
    FP64(8, true, -Double.MAX_VALUE, Double.MAX_VALUE),
    INT8(1, false, Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT8(1, false, 0, 255),
    INT16(2, false, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(2, false, 0, 65535),
    INT32(4, false, Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(4, false, 0, 4294967295.0),
    INT64(8, false, Long.MIN_VALUE, Long.MAX_VALUE);

    private final int byteSize;
    private final boolean floating;
    private final double min;
    private final double max;

    Datatype(int byteSize, boolean floating, double min, double max) {
        this.byteSize = byteSize;
        this.floating = floating;
        this.min = min;
        this.max = max;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean floating() {
        return floating;
    }

    /** True when {@code v} is a legal value of this type (integer and in range for integer types). */
    public boolean accepts(double v) {
        if (floating) {
            return this == FP16 ? Math.abs(v) <= max || !Double.isFinite(v) : true;
        }
        return v == Math.rint(v) && v >= min && v <= max;
    }

    /** Parses an OIP datatype name; 400 for names the service does not take as input. */
    public static Datatype parse(String name) {
        if (name == null) {
            throw ServiceException.badRequest("input datatype missing");
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("unsupported input datatype '" + name
                    + "' (supported: FP16, FP32, FP64, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64)");
        }
    }
}
