package io.tnet.model.train;

import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.ModelStatistics;
import io.tnet.model.ModelStatistics.LayerStatistics;

/**
 * Arithmetic per inference of one sample, as the accuracy report ({@code docs/accuracy.md}) states it.
 * A view of {@link ModelStatistics}, which is the one place that counts operations per layer kind
 * ({@code docs/model-format.md}, section 7): here subtractions are folded into additions, each neuron
 * output adds its bias (one addition), and synapses are counted per evaluation (a convolution counts
 * every output position). Power-of-two scales are shifts and not counted.
 *
 * @param synapses        all synapse evaluations (including absent ones)
 * @param activeSynapses  synapse evaluations that do work (non-zero sign, or any MI weight)
 * @param additions       additions and subtractions, bias additions included
 * @param comparisons     clamps (max with 0), including ReLU activations
 * @param multiplications multiplications (only MI layers have any)
 */
public record OpCounts(long synapses, long activeSynapses, long additions, long comparisons, long multiplications) {

    public static OpCounts of(Model model) {
        long syn = 0, active = 0, add = 0, cmp = 0, mul = 0;
        for (LayerStatistics l : ModelStatistics.of(model).layers()) {
            if (l.kind() == Layer.LayerKind.FLATTEN) {
                continue;
            }
            boolean conv = l.kind() == Layer.LayerKind.THRESHOLD_CONV2D || l.kind() == Layer.LayerKind.CONV2D;
            long positions = conv ? (long) l.output().dim(1) * l.output().dim(2) : 1;
            boolean mi = l.kind() == Layer.LayerKind.DENSE || l.kind() == Layer.LayerKind.CONV2D;
            syn += (mi ? l.miWeights() : l.synapses()) * positions;
            active += (mi ? l.miWeights() : l.activeSynapses()) * positions;
            add += l.ops().subtractions() + l.ops().additions() + l.output().size();
            cmp += l.ops().comparisons();
            mul += l.ops().multiplications();
        }
        return new OpCounts(syn, active, add, cmp, mul);
    }
}
