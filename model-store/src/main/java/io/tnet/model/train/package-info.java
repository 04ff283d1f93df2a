/**
 * The trainer of threshold networks: float forward/backward for every layer kind on the Vector API
 * ({@link io.tnet.model.train.Network}, {@link io.tnet.model.train.Trainer}), ternary signs through latent
 * weights with a straight-through estimator, thresholds learned directly, data-dependent initialisation,
 * Adam or SGD with momentum, deterministic two-shard data parallelism; plus the bundled models' recipes
 * ({@link io.tnet.model.train.Recipe}), their end-to-end build ({@link io.tnet.model.train.ModelZoo}) and
 * the accuracy table ({@link io.tnet.model.train.AccuracyReport}). See {@code docs/training.md}.
 */
package io.tnet.model.train;
