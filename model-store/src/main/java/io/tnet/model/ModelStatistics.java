package io.tnet.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Size and arithmetic cost of a model: parameters, synapses and the operations one inference of one
 * sample performs, per layer and in total. Used by {@code tnet inspect}, and usable wherever an
 * operation-count energy estimate is needed.
 *
 * <p>Counting rules (dense arithmetic, as the reference evaluator and the hardware do it): a threshold
 * synapse with sign 0 is absent and costs nothing; every other synapse tap costs one subtraction
 * ({@code x - theta}), one comparison (the clamp {@code max(., 0)}) and one addition (accumulating
 * {@code +/-} the result). An MI tap costs one multiplication and one addition, zero weights included.
 * The accumulator starts at the bias, the power-of-two scale is a shift, so neither is counted; a RELU
 * costs one comparison per output. Convolutions count every tap at every output position, padding
 * taps included.
 *
 * @param layers         per-layer figures, in model order
 * @param parameters     elements of all parameter tensors (thresholds, signs, biases, weights)
 * @param parameterBytes their size as stored
 * @param synapses       threshold-layer synapses stored (threshold tensor elements)
 * @param activeSynapses those with a non-zero sign
 * @param miWeights      weight elements of Multiplication Injection layers
 * @param ops            operations per inference of one sample
 */
public record ModelStatistics(List<LayerStatistics> layers, long parameters, long parameterBytes, long synapses,
                              long activeSynapses, long miWeights, Operations ops) {

    /** Operation counts per inference of one sample. */
    public record Operations(long subtractions, long additions, long comparisons, long multiplications) {

        public static final Operations NONE = new Operations(0, 0, 0, 0);

        public Operations plus(Operations o) {
            return new Operations(subtractions + o.subtractions, additions + o.additions, comparisons + o.comparisons,
                    multiplications + o.multiplications);
        }

        /** All operations together. */
        public long total() {
            return subtractions + additions + comparisons + multiplications;
        }
    }

    /** One layer's figures; {@code input} and {@code output} are its per-sample shapes. */
    public record LayerStatistics(String name, Layer.LayerKind kind, Shape input, Shape output, long parameters,
                                  long synapses, long activeSynapses, long miWeights, Operations ops) {
    }

    public static ModelStatistics of(Model model) {
        List<LayerStatistics> layers = new ArrayList<>();
        long parameters = 0;
        long bytes = 0;
        long synapses = 0;
        long active = 0;
        long mi = 0;
        Operations total = Operations.NONE;
        Shape shape = model.input().shape();
        for (Layer layer : model.layers()) {
            Shape out = layer.outputShape(shape);
            long params = 0;
            for (Layer.NamedTensor t : layer.tensors()) {
                params += t.tensor().size();
                bytes += (long) t.tensor().size() * t.tensor().elementType().byteSize();
            }
            long syn = 0;
            long act = 0;
            long weights = 0;
            Operations ops;
            switch (layer) {
                case ThresholdDense d -> {
                    syn = d.thresholds().size();
                    act = nonZero(d.signs());
                    ops = new Operations(act, act, act, 0);
                }
                case ThresholdConv2d c -> {
                    syn = c.thresholds().size();
                    act = nonZero(c.signs());
                    long taps = act * positions(out);
                    ops = new Operations(taps, taps, taps, 0);
                }
                case Dense d -> {
                    weights = d.weights().size();
                    ops = new Operations(0, weights, d.activation() == Activation.RELU ? out.size() : 0, weights);
                }
                case Conv2d c -> {
                    weights = c.weights().size();
                    long taps = weights * positions(out);
                    ops = new Operations(0, taps, c.activation() == Activation.RELU ? out.size() : 0, taps);
                }
                case Flatten ignored -> ops = Operations.NONE;
            }
            layers.add(new LayerStatistics(layer.name(), layer.kind(), shape, out, params, syn, act, weights, ops));
            parameters += params;
            synapses += syn;
            active += act;
            mi += weights;
            total = total.plus(ops);
            shape = out;
        }
        return new ModelStatistics(List.copyOf(layers), parameters, bytes, synapses, active, mi, total);
    }

    private static long positions(Shape chw) {
        return (long) chw.dim(1) * chw.dim(2);
    }

    private static long nonZero(Tensor signs) {
        long n = 0;
        for (int i = 0; i < signs.size(); i++) {
            n += signs.valueAt(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
