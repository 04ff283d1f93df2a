package io.tnet.model.experiment;

/** Full-batch gradient descent with a constant step size, recording the loss and the bias at every iteration. */
public final class GradientDescent {

    /**
     * The outcome of one run.
     *
     * @param finalTheta parameters after the last step (or at divergence)
     * @param losses {@code losses[t]} = training loss at iterate t, t = 0..steps
     * @param biases {@code biases[t]} = bias b at iterate t
     * @param steps steps taken
     * @param diverged whether the loss or the parameters stopped being finite
     */
    public record Trajectory(double[] finalTheta, double[] losses, double[] biases, int steps, boolean diverged) {
    }

    private GradientDescent() {
    }

    /** Runs {@code iterations} steps {@code theta <- theta - eta * grad L(theta)} from {@code theta0} (not modified). */
    public static Trajectory run(LogisticObjective objective, double[] theta0, double eta, int iterations) {
        double[] theta = theta0.clone();
        double[] grad = new double[theta.length];
        double[] losses = new double[iterations + 1];
        double[] biases = new double[iterations + 1];
        int bias = objective.network().biasIndex();
        for (int t = 0; t < iterations; t++) {
            double loss = objective.lossAndGradient(theta, grad);
            losses[t] = loss;
            biases[t] = theta[bias];
            if (!Double.isFinite(loss)) {
                return new Trajectory(theta, java.util.Arrays.copyOf(losses, t + 1),
                        java.util.Arrays.copyOf(biases, t + 1), t, true);
            }
            for (int q = 0; q < theta.length; q++) {
                theta[q] -= eta * grad[q];
            }
        }
        losses[iterations] = objective.loss(theta);
        biases[iterations] = theta[bias];
        boolean finite = Double.isFinite(losses[iterations]);
        for (double v : theta) {
            finite &= Double.isFinite(v);
        }
        return new Trajectory(theta, losses, biases, iterations, !finite);
    }
}
