package io.tnet.model.train;

/**
 * Hyper-parameters of one training run. Learning rates are per parameter role (see DESIGN section 2):
 * {@code signLr} for latent sign weights, {@code thresholdLr} times the standard deviation of the layer's
 * calibration input for thresholds (and, divided by the layer's output scale, its bias), {@code weightLr}
 * for Multiplication Injection weights and biases. All decay by a cosine schedule to
 * {@code finalLrFraction} of their value.
 *
 * @param epochs            passes over the training set
 * @param batchSize         samples per optimiser step
 * @param optimizer         ADAM or SGD (with {@code momentum})
 * @param signLr            latent sign weight learning rate (DESIGN: ~1e-2)
 * @param thresholdLr       threshold learning rate per unit of input standard deviation (DESIGN: ~1e-2)
 * @param weightLr          MI weight learning rate
 * @param momentum          SGD momentum (ignored by Adam)
 * @param seed              seeds initialisation, calibration sampling and shuffling
 * @param shards            fixed number of batch shards; results depend on it, not on the thread count
 * @param threads           worker threads (at most {@code shards} are busy)
 * @param calibrationSamples samples used for data-dependent initialisation
 * @param finalLrFraction   learning-rate multiplier reached at the end of the cosine schedule
 */
public record TrainConfig(int epochs, int batchSize, Optimizer optimizer, float signLr, float thresholdLr,
                          float weightLr, float momentum, long seed, int shards, int threads,
                          int calibrationSamples, float finalLrFraction) {

    /** Optimisers. */
    public enum Optimizer { ADAM, SGD }

    public TrainConfig {
        if (epochs < 0 || batchSize < 1 || shards < 1 || threads < 1 || calibrationSamples < 1) {
            throw new IllegalArgumentException("epochs >= 0, batchSize, shards, threads, calibrationSamples >= 1");
        }
        if (batchSize < shards) {
            throw new IllegalArgumentException("batch size " + batchSize + " smaller than " + shards + " shards");
        }
    }

    /** Defaults after DESIGN section 2: Adam, 1e-2 for signs and thresholds, 1e-3 for MI weights, 2 shards. */
    public static TrainConfig defaults(int epochs, long seed) {
        return new TrainConfig(epochs, 64, Optimizer.ADAM, 1e-2f, 1e-2f, 1e-3f, 0.9f, seed, 2,
                Math.min(2, Runtime.getRuntime().availableProcessors()), 1000, 0.0f);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, optimizer, signLr, thresholdLr, weightLr, momentum, seed, shards, threads,
                calibrationSamples, finalLrFraction);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(epochs, batchSize, optimizer, signLr, thresholdLr, weightLr, momentum, seed, shards, t,
                calibrationSamples, finalLrFraction);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(epochs, b, optimizer, signLr, thresholdLr, weightLr, momentum, seed, shards, threads,
                calibrationSamples, finalLrFraction);
    }

    public TrainConfig withLearningRates(float sign, float threshold, float weight) {
        return new TrainConfig(epochs, batchSize, optimizer, sign, threshold, weight, momentum, seed, shards, threads,
                calibrationSamples, finalLrFraction);
    }

    public TrainConfig withOptimizer(Optimizer o, float m) {
        return new TrainConfig(epochs, batchSize, o, signLr, thresholdLr, weightLr, m, seed, shards, threads,
                calibrationSamples, finalLrFraction);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, optimizer, signLr, thresholdLr, weightLr, momentum, s, shards, threads,
                calibrationSamples, finalLrFraction);
    }
}
