/**
 * The threshold-network model: immutable records for the graph ({@link io.tnet.model.Model},
 * the sealed {@link io.tnet.model.Layer} kinds) and its parameter tensors.
 *
 * <p>One representation serves the reference evaluator, the CPU kernel, the FPGA generator and the
 * service. A {@link io.tnet.model.Model} that exists is valid: every constructor checks its
 * invariants and throws {@link io.tnet.model.InvalidModelException} otherwise.
 */
package io.tnet.model;
