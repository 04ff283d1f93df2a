package io.tnet.model;

import java.util.List;

/**
 * One layer of a threshold network. The permitted kinds are the whole vocabulary of the model
 * format; every consumer (reference evaluator, CPU kernel, FPGA generator) switches over them
 * exhaustively, so adding a kind is a compile error everywhere it must be handled.
 *
 * <p>Parameter tensors are FP32 (thresholds, weights, biases) in a {@link Precision#FLOAT32} model;
 * in an {@link Precision#INT8} model thresholds and weights are INT8 and biases INT32. Signs are
 * always INT8 with values in {-1, 0, +1}.
 */
public sealed interface Layer permits ThresholdDense, ThresholdConv2d, Dense, Conv2d, Flatten {

    /** Unique name within the model; prefixes the layer's tensor names in the file. */
    String name();

    /** The kind name used in the model file's graph JSON. */
    LayerKind kind();

    /**
     * Shape of this layer's output for one sample of the given input shape.
     *
     * @throws InvalidModelException with {@code SHAPE_CHAIN} if the layer cannot take that input
     */
    Shape outputShape(Shape input);

    /** Parameter tensors by their role (e.g. {@code "thresholds"}), in file order. */
    List<NamedTensor> tensors();

    /** Numeric mode this layer's parameters belong to; {@code null} for parameter-free layers. */
    Precision precision();

    /** A tensor with its role inside a layer; the file name of the tensor is {@code layer.role}. */
    record NamedTensor(String role, Tensor tensor) {
    }

    /** Layer kinds as spelled in the model file. */
    enum LayerKind {
        THRESHOLD_DENSE("ThresholdDense"),
        THRESHOLD_CONV2D("ThresholdConv2d"),
        DENSE("Dense"),
        CONV2D("Conv2d"),
        FLATTEN("Flatten");

        private final String fileName;

        LayerKind(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public static LayerKind fromFileName(String name) {
            for (LayerKind k : values()) {
                if (k.fileName.equals(name)) {
                    return k;
                }
            }
            throw new InvalidModelException(InvalidModelException.Problem.UNKNOWN_LAYER_KIND,
                    "unknown layer kind '" + name + "' (known: ThresholdDense, ThresholdConv2d, Dense, Conv2d, Flatten)");
        }
    }
}
