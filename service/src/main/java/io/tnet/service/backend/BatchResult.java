package io.tnet.service.backend;

import java.util.Objects;

/**
 * Output of one batch run: the logits and what computing them cost.
 *
 * @param logits {@code batch * outputSize} floats, rows contiguous
 * @param stats  compute time and energy of the whole batch
 */
public record BatchResult(float[] logits, ComputeStats stats) {

    public BatchResult {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(stats, "stats");
    }
}
