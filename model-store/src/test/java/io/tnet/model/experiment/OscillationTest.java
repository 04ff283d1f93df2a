package io.tnet.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OscillationTest {

    @Test
    void monotoneDescentDoesNotOscillate() {
        double[] losses = new double[1000];
        for (int t = 0; t < losses.length; t++) {
            losses[t] = 0.5 + Math.exp(-t / 100.0);
        }
        Oscillation o = Oscillation.of(losses);
        assertThat(o.oscillated()).isFalse();
        assertThat(o.oscillatingAtEnd()).isFalse();
        assertThat(o.firstIncrease()).isEqualTo(-1);
    }

    @Test
    void aTwoCycleOscillatesToTheEnd() {
        double[] losses = new double[1000];
        for (int t = 0; t < losses.length; t++) {
            losses[t] = 0.7 + (t % 2 == 0 ? 0.01 : -0.01) * Math.min(1, t / 100.0);
        }
        Oscillation o = Oscillation.of(losses);
        assertThat(o.oscillated()).isTrue();
        assertThat(o.oscillatingAtEnd()).isTrue();
        assertThat(o.finalIncreaseFraction()).isBetween(0.45, 0.55);
        assertThat(o.finalRelativeAmplitude()).isBetween(0.02, 0.03);
    }

    @Test
    void chatterBelowTheToleranceIsNotOscillation() {
        double[] losses = new double[1000];
        for (int t = 0; t < losses.length; t++) {
            losses[t] = 0.69 * (1 + (t % 2 == 0 ? 1e-7 : 0));
        }
        assertThat(Oscillation.of(losses).oscillated()).isFalse();
    }

    @Test
    void aSettledSpikeOscillatedButNotAtTheEnd() {
        double[] losses = new double[1000];
        for (int t = 0; t < losses.length; t++) {
            losses[t] = 1 - t / 2000.0 + (t >= 10 && t < 20 && t % 2 == 1 ? 0.1 : 0);
        }
        Oscillation o = Oscillation.of(losses);
        assertThat(o.oscillated()).isTrue();
        assertThat(o.oscillatingAtEnd()).isFalse();
        assertThat(o.firstIncrease()).isEqualTo(10);
    }
}
