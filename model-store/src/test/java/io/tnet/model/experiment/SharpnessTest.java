package io.tnet.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Power iteration, and the shared-scalar sharpness d^2/(4 pi) that puts the critical step size at 8 pi / d^2. */
class SharpnessTest {

    private static final int D = 200;
    private static final double PREDICTED = D * D / (4 * Math.PI);

    @Test
    void powerIterationFindsTheTopEigenvalueOfAKnownMatrix() {
        double[] diagonal = {1, 7, -3, 5.5, 0.2};
        SymmetricOperator h = new SymmetricOperator() {
            @Override
            public int dimension() {
                return diagonal.length;
            }

            @Override
            public void apply(double[] v, double[] out) {
                for (int i = 0; i < v.length; i++) {
                    out[i] = diagonal[i] * v[i];
                }
            }
        };
        Sharpness.Estimate e = Sharpness.powerIteration(h, new SplittableRandom(1), 1000, 1e-12);
        assertThat(e.converged()).isTrue();
        assertThat(e.value()).isCloseTo(7, within(1e-6));
    }

    @Test
    void sharedScalarSharpnessAtBiasZeroAndSmallWeightsIsDSquaredOverFourPi() {
        // f ~ 0: every sample has loss'' = 1/4, and grad f = (+-sum relu(+-x_i), ...) has mean ~ d/sqrt(2 pi) in
        // two coordinates, so the top eigenvalue is (1/4) * 2 * d^2/(2 pi) = d^2/(4 pi), for all four sign patterns.
        SharedScalarNetwork net = new SharedScalarNetwork(D);
        for (long seed = 1; seed <= 3; seed++) {
            Dataset train = new SparseCoding(D, 3).sample(300, new SplittableRandom(seed));
            LogisticObjective objective = new LogisticObjective(net, train, LossNormalization.MEAN);
            for (double[] signs : List.of(new double[] {1, 1}, new double[] {1, -1}, new double[] {-1, 1},
                    new double[] {-1, -1})) {
                double[] theta = {1e-5 * signs[0], 1.3e-5 * signs[1], 0};
                double exact = Sharpness.powerIteration(objective.gaussNewton(theta), new SplittableRandom(4), 1000, 1e-9).value();
                assertThat(exact).as("seed %d signs %s", seed, java.util.Arrays.toString(signs))
                        .isCloseTo(PREDICTED, within(0.1 * PREDICTED));
            }
        }
    }

    @Test
    void atThePapersInitialisationTheSharpnessIsDSquaredOverFourPiOnlyWhenTheOutputStartsNearZero() {
        // a+, a- ~ N(0, 1/(2d)) shared by all 200 coordinates give every sample the same offset
        // (|a+| - |a-|) * sum relu(+-x_i) ~ (|a+| - |a-|) * d / sqrt(2 pi), typically several units: the logistic loss
        // is then flat (loss'' << 1/4) and the sharpness far below d^2/(4 pi). The prediction holds where the
        // offset is small, which is also where gradient descent brings every run before it can oscillate.
        SweepConfig paper = SweepConfig.paper(12, 1);
        // Same seeds and streams as the sweep; the test set is not needed here.
        EdgeOfStabilitySweep sweep = new EdgeOfStabilitySweep(new SweepConfig(paper.d(), paper.n(), paper.lambda(), 1,
                paper.etaTimesIterations(), paper.readings(), paper.normalization(), paper.seeds(), 12, paper.grids(), 1,
                paper.hvp(), paper.powerIterations()));
        SharedScalarNetwork net = new SharedScalarNetwork(D);
        int near = 0;
        int far = 0;
        for (long seed = 1; seed <= 12; seed++) {
            double[] theta = sweep.initialParameters(Reading.SHARED_SCALAR, seed);
            LogisticObjective objective = new LogisticObjective(net, sweep.trainingSet(seed), LossNormalization.MEAN);
            double sharpness = Sharpness.powerIteration(objective.gaussNewton(theta), new SplittableRandom(4), 1000, 1e-9).value();
            double offset = (Math.abs(theta[0]) - Math.abs(theta[1])) * D / Math.sqrt(2 * Math.PI);
            if (Math.abs(offset) < 0.3) {
                near++;
                assertThat(sharpness).as("seed %d, offset %.3f", seed, offset).isCloseTo(PREDICTED, within(0.1 * PREDICTED));
            } else if (Math.abs(offset) > 2) {
                far++;
                assertThat(sharpness).as("seed %d, offset %.3f", seed, offset).isLessThan(0.9 * PREDICTED);
            }
        }
        assertThat(near).as("seeds with a near-zero initial output").isPositive();
        assertThat(far).as("seeds with a large initial output").isPositive();
    }
}
