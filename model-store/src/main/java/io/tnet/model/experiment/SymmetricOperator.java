package io.tnet.model.experiment;

/** A linear operator {@code v -> H v} on R^p, here always a Hessian (or its Gauss-Newton form). */
public interface SymmetricOperator {

    /** p. */
    int dimension();

    /** Writes {@code H v} into {@code out} (overwritten; distinct from {@code v}). */
    void apply(double[] v, double[] out);
}
