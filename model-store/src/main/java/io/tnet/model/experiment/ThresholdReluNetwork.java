package io.tnet.model.experiment;

import java.util.random.RandomGenerator;

/**
 * The paper's two-layer ReLU network with one shared bias,
 * {@code f(x) = sum_i [relu(a+_i x_i + b) - relu(a-_i x_i + b)]}, over a flat parameter vector whose last entry
 * is the bias {@code b}.
 *
 * <p>With {@code a+ > 0 > a-} and {@code b = -t < 0} each coordinate contributes {@code relu(x_i - t) - relu(-x_i - t)}
 * (up to scale): a threshold neuron. With {@code b = 0} the network is linear in each coordinate. Implementations
 * are stateless and thread-safe. Gradients use {@code relu'(0) = 0}.
 */
public sealed interface ThresholdReluNetwork permits PerCoordinateNetwork, SharedScalarNetwork {

    /** The network for a reading in dimension {@code d}. */
    static ThresholdReluNetwork of(Reading reading, int d) {
        return switch (reading) {
            case PER_COORDINATE -> new PerCoordinateNetwork(d);
            case SHARED_SCALAR -> new SharedScalarNetwork(d);
        };
    }

    /** Which reading this is. */
    Reading reading();

    /** Input dimension. */
    int d();

    /** Length of the parameter vector. */
    int parameterCount();

    /** Index of the bias {@code b} in the parameter vector (the last one). */
    default int biasIndex() {
        return parameterCount() - 1;
    }

    /** The paper's initialisation: every weight {@code ~ N(0, 1/(2d))}, {@code b = 0}. */
    default double[] initialParameters(RandomGenerator rng) {
        double[] theta = new double[parameterCount()];
        double std = Math.sqrt(1.0 / (2.0 * d()));
        for (int p = 0; p < theta.length - 1; p++) {
            theta[p] = std * rng.nextGaussian();
        }
        return theta;
    }

    /** The network output {@code f(x_k)} for sample {@code k} of {@code data}. */
    double output(double[] theta, Dataset data, int k);

    /** Adds {@code weight * grad_theta f(x_k)} to {@code acc}. */
    void addGradient(double[] theta, Dataset data, int k, double weight, double[] acc);

    /** Number of active units ({@code a x_i + b > 0}, of the 2d) on sample {@code k}. */
    int activeUnits(double[] theta, Dataset data, int k);

    /**
     * The logistic objective's value and gradient in one sweep over the data: returns
     * {@code w * sum_k log(1 + exp(-y_k f_k))} and adds {@code w * sum_k loss'(y_k f_k) y_k grad f_k} to
     * {@code grad}. Implementations may fuse the passes; the result must equal this default.
     */
    default double addLossGradient(double[] theta, Dataset data, double w, double[] grad) {
        double s = 0;
        for (int k = 0; k < data.n(); k++) {
            double y = data.y()[k];
            double z = y * output(theta, data, k);
            s += LogisticObjective.logistic(z);
            addGradient(theta, data, k, w * y * LogisticObjective.logisticDerivative(z), grad);
        }
        return s * w;
    }
}
