package io.tnet.model;

import io.tnet.model.InvalidModelException.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete, validated threshold network: graph, parameters and I/O contract.
 *
 * <p>Construction checks everything that does not depend on the file encoding: layer names unique,
 * every layer's parameters of this model's {@link Precision}, the shape chain from {@code input} through
 * the layers to {@code output}, labels matching the output size, and (int8) that no accumulator can
 * leave the int32 range, so every int8 implementation is exact without overflow handling.
 *
 * @param formatVersion model-format version this model was read from or will be written as
 * @param name          model name (informational; the repository directory name is what clients use)
 * @param precision     FLOAT32 or INT8 for every layer
 * @param input         the single input tensor, per-sample shape
 * @param output        the single output tensor (logits), per-sample shape
 * @param labels        class labels, empty or one per output element
 * @param preprocessing raw client input to model input
 * @param quantization  int8 edge formats; {@link Quantization#NONE} for float models
 * @param layers        the layers in evaluation order
 * @param metadata      free-form string metadata (description, training provenance)
 */
public record Model(int formatVersion, String name, Precision precision, TensorSpec input, TensorSpec output,
                    List<String> labels, Preprocessing preprocessing, Quantization quantization,
                    List<Layer> layers, Map<String, String> metadata) {

    /** The model-format version this library writes. */
    public static final int FORMAT_VERSION = 1;

    /** Largest int8 accumulator magnitude allowed; int32 range, checked at construction. */
    public static final long ACCUMULATOR_LIMIT = Integer.MAX_VALUE;

    public Model {
        if (formatVersion != FORMAT_VERSION) {
            throw new InvalidModelException(Problem.UNSUPPORTED_VERSION,
                    "format version " + formatVersion + " is not supported (this library reads version " + FORMAT_VERSION + ")");
        }
        if (name == null || name.isBlank() || precision == null || input == null || output == null
                || preprocessing == null || quantization == null || layers == null) {
            throw new InvalidModelException(Problem.MISSING_FIELD,
                    "model needs name, precision, input, output, preprocessing, quantization and layers");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        layers = List.copyOf(layers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (layers.isEmpty()) {
            throw new InvalidModelException(Problem.SHAPE_CHAIN, "model has no layers");
        }
        if (precision == Precision.FLOAT32 && !quantization.equals(Quantization.NONE)) {
            throw new InvalidModelException(Problem.BAD_VALUE, "a FLOAT32 model must not carry int8 quantization");
        }
        Set<String> names = new HashSet<>();
        Shape shape = input.shape();
        for (Layer layer : layers) {
            if (!names.add(layer.name())) {
                throw new InvalidModelException(Problem.BAD_VALUE, "duplicate layer name '" + layer.name() + "'");
            }
            if (layer.precision() != null && layer.precision() != precision) {
                throw new InvalidModelException(Problem.DTYPE_MISMATCH, layer.name() + ": parameters are "
                        + layer.precision() + " but the model is " + precision);
            }
            if (precision == Precision.INT8) {
                checkAccumulator(layer);
            }
            shape = layer.outputShape(shape);
        }
        if (!shape.equals(output.shape())) {
            throw new InvalidModelException(Problem.SHAPE_CHAIN,
                    "last layer produces " + shape + " but the output '" + output.name() + "' declares " + output.shape());
        }
        if (!labels.isEmpty() && labels.size() != output.shape().size()) {
            throw new InvalidModelException(Problem.BAD_VALUE,
                    labels.size() + " labels for " + output.shape().size() + " outputs");
        }
    }

    /** Shape entering layer {@code i} (0 = model input), after inference through the chain. */
    public Shape inputShapeOf(int i) {
        Shape shape = input.shape();
        for (int l = 0; l < i; l++) {
            shape = layers.get(l).outputShape(shape);
        }
        return shape;
    }

    /** Same model with other metadata (e.g. provenance added by a tool). */
    public Model withMetadata(Map<String, String> newMetadata) {
        return new Model(formatVersion, name, precision, input, output, labels, preprocessing, quantization,
                layers, newMetadata);
    }

    /**
     * Worst-case |bias + sum| for every neuron: threshold taps contribute at most 255
     * (|x - theta| of two int8 values), MI taps at most 128 * 128.
     */
    private static void checkAccumulator(Layer layer) {
        long perTap;
        int fanIn;
        Tensor bias;
        switch (layer) {
            case ThresholdDense d -> { perTap = 255; fanIn = d.inputs(); bias = d.bias(); }
            case ThresholdConv2d c -> { perTap = 255; fanIn = c.geometry().fanIn(); bias = c.bias(); }
            case Dense d -> { perTap = 128 * 128; fanIn = d.inputs(); bias = d.bias(); }
            case Conv2d c -> { perTap = 128 * 128; fanIn = c.geometry().fanIn(); bias = c.bias(); }
            case Flatten ignored -> { return; }
        }
        long maxBias = 0;
        for (int i = 0; i < bias.size(); i++) {
            maxBias = Math.max(maxBias, Math.abs((long) bias.valueAt(i)));
        }
        long worst = maxBias + perTap * fanIn;
        if (worst > ACCUMULATOR_LIMIT) {
            throw new InvalidModelException(Problem.ACCUMULATOR_RANGE, layer.name() + ": worst-case accumulator "
                    + worst + " exceeds the int32 range (fan-in " + fanIn + ", max |bias| " + maxBias + ")");
        }
    }
}
