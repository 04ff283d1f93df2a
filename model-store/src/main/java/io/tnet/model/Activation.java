package io.tnet.model;

/**
 * Output activation of a Multiplication Injection layer ({@link Dense}, {@link Conv2d}). Threshold
 * layers need none: their per-synapse clamp is the rectification.
 */
public enum Activation {
    NONE,
    /** max(y, 0), applied after the power-of-two scale (and, in int8, after requantization). */
    RELU
}
