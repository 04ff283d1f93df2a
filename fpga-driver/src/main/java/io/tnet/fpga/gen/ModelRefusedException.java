package io.tnet.fpga.gen;

import java.util.List;

/** Thrown when a model cannot run on an accelerator configuration; carries every reason found. */
public final class ModelRefusedException extends RuntimeException {

    private final List<String> reasons;

    public ModelRefusedException(List<String> reasons) {
        super("model refused by the accelerator: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** Human-readable reasons, one per problem. */
    public List<String> reasons() {
        return reasons;
    }
}
