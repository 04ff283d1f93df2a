package io.tnet.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.Preprocessing;
import io.tnet.model.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpCountsTest {

    @Test
    void countsActiveThresholdSynapsesAndMacMultiplications() {
        Network net = Network.create(Shape.of(1, 6, 6), "tconv(2,k3,s1,p1),flatten,dense(4,relu),tdense(3)", 3);
        Model m = net.toModel("m", "input", Preprocessing.IDENTITY, List.of(), Map.of());
        ThresholdConvLayer conv = (ThresholdConvLayer) net.layers.get(0);
        ThresholdDenseLayer last = (ThresholdDenseLayer) net.layers.get(3);
        long convActive = count(conv.signs), lastActive = count(last.signs);
        OpCounts c = OpCounts.of(m);
        long positions = 36;
        assertThat(c.synapses()).isEqualTo(positions * 18 + 72 * 4 + 4 * 3);
        assertThat(c.activeSynapses()).isEqualTo(positions * convActive + 72 * 4 + lastActive);
        assertThat(c.multiplications()).isEqualTo(72 * 4);
        assertThat(c.additions()).isEqualTo(positions * (2 * convActive + 2) + 72 * 4 + 4 + 2 * lastActive + 3);
        assertThat(c.comparisons()).isEqualTo(positions * convActive + 4 + lastActive);
        // Ternarization leaves about a third of the synapses absent.
        assertThat((double) convActive / 18).isBetween(0.4, 0.9);
    }

    private static long count(float[] signs) {
        long n = 0;
        for (float s : signs) {
            n += s != 0 ? 1 : 0;
        }
        return n;
    }
}
