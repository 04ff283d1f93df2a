package io.tnet.model;

/**
 * Element type of a parameter tensor or of a model input/output, with its safetensors dtype name
 * and its Open Inference Protocol datatype name.
 */
public enum ElementType {
    FP32("F32", "FP32", 4),
    INT8("I8", "INT8", 1),
    INT32("I32", "INT32", 4);

    private final String safetensorsName;
    private final String oipName;
    private final int byteSize;

    ElementType(String safetensorsName, String oipName, int byteSize) {
        this.safetensorsName = safetensorsName;
        this.oipName = oipName;
        this.byteSize = byteSize;
    }

    /** The dtype string used in a safetensors header, e.g. {@code "F32"}. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The datatype string of the Open Inference Protocol, e.g. {@code "FP32"}. */
    public String oipName() {
        return oipName;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Looks up a safetensors dtype; throws {@link InvalidModelException} for any other name. */
    public static ElementType fromSafetensors(String name) {
        for (ElementType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        throw new InvalidModelException(InvalidModelException.Problem.DTYPE_MISMATCH,
                "unsupported safetensors dtype '" + name + "' (supported: F32, I8, I32)");
    }

    /** Looks up an OIP datatype; throws {@link InvalidModelException} for any other name. */
    public static ElementType fromOip(String name) {
        for (ElementType t : values()) {
            if (t.oipName.equals(name)) {
                return t;
            }
        }
        throw new InvalidModelException(InvalidModelException.Problem.BAD_VALUE,
                "unsupported datatype '" + name + "' (supported: FP32, INT8, INT32)");
    }
}
