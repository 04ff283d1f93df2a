package io.tnet.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Gradient and Hessian-vector checks of the networks and the objective against finite differences. */
class GradientCheckTest {

    private static final int D = 12;
    private final Dataset data = new SparseCoding(D, 3).sample(40, new SplittableRandom(11));

    /** Parameters with a non-zero bias so that every code path (both signs, active and inactive units) is hit. */
    private static double[] generic(ThresholdReluNetwork net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[net.parameterCount()];
        for (int q = 0; q < theta.length; q++) {
            theta[q] = rng.nextGaussian() * 0.7;
        }
        return theta;
    }

    @Test
    void sharedScalarFastPathEqualsTheDirectFormula() {
        SharedScalarNetwork net = new SharedScalarNetwork(D);
        for (long seed = 1; seed <= 20; seed++) {
            double[] t = generic(net, seed);
            for (int k = 0; k < data.n(); k++) {
                double direct = 0;
                double dPlus = 0;
                double dMinus = 0;
                double dBias = 0;
                for (int i = 0; i < D; i++) {
                    double x = data.x()[k * D + i];
                    direct += Math.max(t[0] * x + t[2], 0) - Math.max(t[1] * x + t[2], 0);
                    if (t[0] * x + t[2] > 0) {
                        dPlus += x;
                        dBias += 1;
                    }
                    if (t[1] * x + t[2] > 0) {
                        dMinus -= x;
                        dBias -= 1;
                    }
                }
                double[] g = new double[3];
                net.addGradient(t, data, k, 1.0, g);
                assertThat(net.output(t, data, k)).isCloseTo(direct, within(1e-10));
                assertThat(g).containsExactly(new double[] {dPlus, dMinus, dBias}, within(1e-10));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void networkGradientMatchesCentralDifferences(Reading reading) {
        ThresholdReluNetwork net = ThresholdReluNetwork.of(reading, D);
        double[] t = generic(net, 5);
        double h = 1e-7;
        for (int k = 0; k < data.n(); k++) {
            double[] g = new double[t.length];
            net.addGradient(t, data, k, 1.0, g);
            for (int q = 0; q < t.length; q++) {
                double[] plus = t.clone();
                double[] minus = t.clone();
                plus[q] += h;
                minus[q] -= h;
                double fd = (net.output(plus, data, k) - net.output(minus, data, k)) / (2 * h);
                // A kink within h of the point would show as a jump; with continuous data that has probability ~1e-6.
                assertThat(g[q]).as("sample %d parameter %d", k, q).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void objectiveGradientMatchesCentralDifferencesForMeanAndSum(Reading reading) {
        ThresholdReluNetwork net = ThresholdReluNetwork.of(reading, D);
        for (LossNormalization norm : LossNormalization.values()) {
            LogisticObjective objective = new LogisticObjective(net, data, norm);
            double[] t = generic(net, 9);
            double[] g = new double[t.length];
            double loss = objective.lossAndGradient(t, g);
            assertThat(loss).isCloseTo(objective.loss(t), within(1e-12 * (1 + loss)));
            double h = 1e-6;
            for (int q = 0; q < t.length; q++) {
                double[] plus = t.clone();
                double[] minus = t.clone();
                plus[q] += h;
                minus[q] -= h;
                double fd = (objective.loss(plus) - objective.loss(minus)) / (2 * h);
                assertThat(g[q]).as("%s %s parameter %d", reading, norm, q).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
            }
        }
    }

    @Test
    void fusedPerCoordinateLossGradientEqualsTheGenericPath() {
        PerCoordinateNetwork net = new PerCoordinateNetwork(D);
        double[] t = generic(net, 21);
        double[] fused = new double[t.length];
        double[] generic = new double[t.length];
        double fusedLoss = net.addLossGradientScalar(t, data, 0.025, fused);
        double genericLoss = 0;
        for (int k = 0; k < data.n(); k++) {
            double y = data.y()[k];
            double z = y * net.output(t, data, k);
            genericLoss += LogisticObjective.logistic(z) * 0.025;
            net.addGradient(t, data, k, 0.025 * y * LogisticObjective.logisticDerivative(z), generic);
        }
        assertThat(fusedLoss).isCloseTo(genericLoss, within(1e-12));
        assertThat(fused).containsExactly(generic, within(1e-12));
    }

    @Test
    void vectorKernelAgreesWithTheScalarLoop() {
        // The build runs tests with --add-modules jdk.incubator.vector, so the vector kernel must be there.
        assertThat(PerCoordinateSimd.INSTANCE).isNotNull();
        for (int d : new int[] {D, 3, 17, 200}) {
            PerCoordinateNetwork net = new PerCoordinateNetwork(d);
            Dataset set = new SparseCoding(d, 3).sample(25, new SplittableRandom(d));
            double[] t = generic(net, d);
            double[] simd = new double[t.length];
            double[] scalar = new double[t.length];
            double simdLoss = PerCoordinateSimd.INSTANCE.addLossGradient(d, t, set, 0.04, simd);
            double scalarLoss = net.addLossGradientScalar(t, set, 0.04, scalar);
            assertThat(simdLoss).isCloseTo(scalarLoss, within(1e-12 * (1 + scalarLoss)));
            assertThat(simd).containsExactly(scalar, within(1e-11));
        }
    }

    @Test
    void logisticHelpersAreStableAndConsistent() {
        for (double z : new double[] {-800, -30, -1, 0, 0.5, 30, 800}) {
            double h = 1e-5;
            assertThat(LogisticObjective.logistic(z)).isFinite();
            if (Math.abs(z) < 100) {
                assertThat(LogisticObjective.logisticDerivative(z)).isCloseTo(
                        (LogisticObjective.logistic(z + h) - LogisticObjective.logistic(z - h)) / (2 * h), within(1e-8));
                assertThat(LogisticObjective.logisticCurvature(z)).isCloseTo(
                        (LogisticObjective.logisticDerivative(z + h) - LogisticObjective.logisticDerivative(z - h)) / (2 * h),
                        within(1e-8));
            }
        }
        assertThat(LogisticObjective.logistic(-800)).isCloseTo(800, within(1e-9));
        assertThat(LogisticObjective.logistic(0)).isCloseTo(Math.log(2), within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void exactHessianVectorProductMatchesDifferencesOfExactGradients(Reading reading) {
        ThresholdReluNetwork net = ThresholdReluNetwork.of(reading, D);
        LogisticObjective objective = new LogisticObjective(net, data, LossNormalization.MEAN);
        double[] t = generic(net, 31);
        SplittableRandom rng = new SplittableRandom(2);
        double[] v = new double[t.length];
        for (int q = 0; q < v.length; q++) {
            v[q] = rng.nextGaussian();
        }
        double[] exact = new double[t.length];
        double[] fd = new double[t.length];
        objective.gaussNewton(t).apply(v, exact);
        // A step far below the distance to the nearest kink: the difference sees only the smooth part.
        objective.finiteDifferenceHvp(t, 1e-8).apply(v, fd);
        double scale = Vectors.norm(exact);
        for (int q = 0; q < t.length; q++) {
            assertThat(fd[q]).isCloseTo(exact[q], within(1e-4 * scale));
        }
    }
}
