package io.tnet.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of the analytic gradients. Thresholds, biases and MI weights must match the
 * central difference of the loss; the sign path is checked as the straight-through estimator defines it:
 * the gradient applied to a latent weight equals the derivative of the loss with respect to the
 * (real-valued) sign it drives.
 */
class GradientCheckTest {

    private static final double H = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {
            "tdense(7),tdense(3)",
            "dense(6,relu),tdense(5),dense(3)",
            "tconv(3,k3,s2,p1),tconv(4,k2,s1,p0),tdense(3)",
            "conv(2,k3,s1,p1,relu),tconv(3,k3,s2,p1),flatten,dense(3)"})
    void analyticGradientsMatchFiniteDifferences(String architecture) {
        Shape input = architecture.contains("conv") ? Shape.of(2, 5, 5) : Shape.of(10);
        int n = 6;
        SplittableRandom r = new SplittableRandom(42);
        float[] x = new float[n * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        Network net = Network.create(input, architecture, 7);
        try (Trainer t = new Trainer(net, TrainConfig.defaults(1, 3).withBatchSize(n).withThreads(2))) {
            t.calibrate(x, n);
            // Make biases non-trivial so their gradient is exercised away from zero.
            for (TrainableLayer l : net.layers) {
                for (Param p : l.params()) {
                    if (p.kind == Param.Kind.BIAS) {
                        for (int i = 0; i < p.value.length; i++) {
                            p.value[i] = (float) r.nextDouble(-0.3, 0.3);
                        }
                    }
                }
            }
            Trainer.LossAndGradients lg = t.lossAndGradients(x, y, n);
            int checked = 0;
            int p = 0;
            for (TrainableLayer layer : net.layers) {
                for (Param param : layer.params()) {
                    float[] analytic = lg.gradients()[p++];
                    // The sign path: perturb the real-valued sign the latent weight drives.
                    float[] perturbed = param.kind == Param.Kind.LATENT_SIGN ? signsOf(layer) : param.value;
                    for (int i = 0; i < perturbed.length; i++) {
                        double fd = centralDifference(t, perturbed, i, x, y, n);
                        if (Double.isNaN(fd)) {
                            continue; // a kink of max(x - theta, 0) lies within the step
                        }
                        assertThat(analytic[i]).as("%s[%d] in %s", param.name, i, architecture)
                                .isCloseTo((float) fd, org.assertj.core.data.Offset.offset((float) (2e-3 + 2e-2 * Math.abs(fd))));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(50);
        }
    }

    private static float[] signsOf(TrainableLayer layer) {
        return switch (layer) {
            case ThresholdDenseLayer d -> d.signs;
            case ThresholdConvLayer c -> c.signs;
            default -> throw new IllegalStateException();
        };
    }

    /** (L(v+h) - L(v-h)) / 2h, or NaN when the loss is not linear across the step (a kink in between). */
    private static double centralDifference(Trainer t, float[] v, int i, float[] x, int[] y, int n) {
        float old = v[i];
        v[i] = (float) (old + H);
        double plus = t.lossAndGradients(x, y, n).loss();
        v[i] = (float) (old + H / 2);
        double halfPlus = t.lossAndGradients(x, y, n).loss();
        v[i] = (float) (old - H);
        double minus = t.lossAndGradients(x, y, n).loss();
        v[i] = old;
        double mid = t.lossAndGradients(x, y, n).loss();
        double fd = (plus - minus) / (2 * H);
        // Piecewise-linear layers: across a kink the one-sided slopes disagree.
        double right = (plus - mid) / H;
        double rightHalf = (halfPlus - mid) / (H / 2);
        double left = (mid - minus) / H;
        double scale = Math.abs(fd) + 1e-3;
        if (Math.abs(right - left) > 0.05 * scale + 1e-3 || Math.abs(right - rightHalf) > 0.05 * scale + 1e-3) {
            return Double.NaN;
        }
        return fd;
    }
}
