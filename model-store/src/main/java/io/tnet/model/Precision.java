package io.tnet.model;

/**
 * Numeric mode of a whole model: float training semantics or the int8 integer semantics that the
 * CPU kernel and the FPGA accelerator run bit-exactly. See {@code docs/neuron.md}.
 */
public enum Precision {
    /** FP32 activations and parameters. */
    FLOAT32,
    /** int8 activations and thresholds, int32 biases and accumulators, power-of-two requantization. */
    INT8
}
