package io.tnet.model.train;

/**
 * One trainable parameter array of a layer, with the role that decides its learning rate and
 * post-step constraint (latent sign weights are clipped to [-1, 1]).
 */
final class Param {

    /** Parameter roles. */
    enum Kind {
        /** Real latent weight behind a ternary sign (straight-through estimator). */
        LATENT_SIGN,
        /** Per-synapse threshold, learned directly. */
        THRESHOLD,
        /** Bias of any layer. */
        BIAS,
        /** Real weight of a Multiplication Injection layer. */
        WEIGHT
    }

    final String name;
    final Kind kind;
    final float[] value;
    /** Base learning rate, fixed at initialisation (the schedule multiplies it). */
    float lr;

    Param(String name, Kind kind, float[] value) {
        this.name = name;
        this.kind = kind;
        this.value = value;
    }
}
