package io.tnet.model.experiment;

/** How the sharpness's Hessian-vector products are formed (see {@link LogisticObjective}). */
public enum HvpMethod {
    /** The Gauss-Newton product, the exact Hessian away from the ReLU kinks (default). */
    EXACT,
    /** Central differences of exact gradients; also feels kinks within the difference step. */
    FINITE_DIFFERENCE;

    /** Step of the finite differences, in parameter-space distance. */
    static final double FD_STEP = 1e-5;

    SymmetricOperator hessian(LogisticObjective objective, double[] theta) {
        return this == EXACT ? objective.gaussNewton(theta) : objective.finiteDifferenceHvp(theta, FD_STEP);
    }
}
