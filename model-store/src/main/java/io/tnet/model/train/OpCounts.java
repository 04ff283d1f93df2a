package io.tnet.model.train;

import io.tnet.model.Conv2d;
import io.tnet.model.Dense;
import io.tnet.model.Flatten;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;

/**
 * Arithmetic per inference of one sample, counted from the model graph (convolutions count every
 * output position). A threshold synapse with a non-zero sign costs one subtraction ({@code x - theta}),
 * one comparison (the clamp) and one addition or subtraction into the accumulator; an absent synapse
 * (sign 0) costs nothing. An MI synapse costs one multiplication and one addition. Each neuron output
 * adds its bias (one addition); power-of-two scales are shifts and not counted.
 *
 * @param synapses        all synapse evaluations (including absent ones)
 * @param activeSynapses  synapse evaluations that do work (non-zero sign, or any MI weight)
 * @param additions       additions and subtractions
 * @param comparisons     clamps (max with 0), including ReLU activations
 * @param multiplications multiplications (only MI layers have any)
 */
public record OpCounts(long synapses, long activeSynapses, long additions, long comparisons, long multiplications) {

    public static OpCounts of(Model model) {
        long syn = 0, active = 0, add = 0, cmp = 0, mul = 0;
        Shape shape = model.input().shape();
        for (Layer layer : model.layers()) {
            Shape out = layer.outputShape(shape);
            switch (layer) {
                case ThresholdDense d -> {
                    long a = nonZero((I8Tensor) d.signs());
                    syn += (long) d.inputs() * d.outputs();
                    active += a;
                    add += 2 * a + d.outputs();
                    cmp += a;
                }
                case ThresholdConv2d c -> {
                    long positions = out.size() / c.geometry().outChannels();
                    long a = nonZero((I8Tensor) c.signs());
                    syn += positions * c.geometry().kernelShape().size();
                    active += positions * a;
                    add += positions * (2 * a + c.geometry().outChannels());
                    cmp += positions * a;
                }
                case Dense d -> {
                    long s = (long) d.inputs() * d.outputs();
                    syn += s;
                    active += s;
                    mul += s;
                    add += s + d.outputs();
                    cmp += d.activation() == io.tnet.model.Activation.RELU ? d.outputs() : 0;
                }
                case Conv2d c -> {
                    long s = (long) out.size() * c.geometry().fanIn();
                    syn += s;
                    active += s;
                    mul += s;
                    add += s + out.size();
                    cmp += c.activation() == io.tnet.model.Activation.RELU ? out.size() : 0;
                }
                case Flatten ignored -> {
                }
            }
            shape = out;
        }
        return new OpCounts(syn, active, add, cmp, mul);
    }

    private static long nonZero(I8Tensor s) {
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            n += s.get(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
