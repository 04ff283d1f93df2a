/**
 * The edge-of-stability experiment of Ahn, Bubeck, Chewi, Lee, Suarez and Zhang ("Learning threshold
 * neurons via the edge of stability", NeurIPS 2023, arXiv 2212.07469), reproduced in the project's own code.
 *
 * <p>Sparse-coding data ({@link io.tnet.model.experiment.SparseCoding}), a two-layer ReLU network with one
 * shared bias in two readings ({@link io.tnet.model.experiment.ThresholdReluNetwork}), full-batch gradient
 * descent on the logistic loss ({@link io.tnet.model.experiment.GradientDescent}), sharpness by power
 * iteration on Hessian-vector products ({@link io.tnet.model.experiment.Sharpness}), the step-size sweep
 * ({@link io.tnet.model.experiment.EdgeOfStabilitySweep}) and its CSV/PNG output. The question it answers for
 * this project: does a first-layer bias (a threshold) only move away from zero above a critical step size,
 * and what does that mean for the learning rate of thresholds in {@code io.tnet.model.train}? The findings
 * are in {@code docs/experiments/edge-of-stability.md}.
 */
package io.tnet.model.experiment;
