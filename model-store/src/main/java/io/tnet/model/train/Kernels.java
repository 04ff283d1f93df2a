package io.tnet.model.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batched float kernels of the trainer on the Vector API. One instance per worker shard (it owns a
 * lane scratch array), so instances are not thread-safe and need no locking.
 *
 * <p>Layout: a "row" is one input vector of length {@code k} (a sample for dense layers, one im2col
 * patch for convolutions); parameters are {@code [out, k]} row-major. Outputs and output gradients are
 * addressed as {@code yOff + r * rs + j * js} so that dense (sample-major) and convolution (channel-major)
 * layouts share the code. Rows are processed four at a time so each parameter vector is loaded once for
 * four samples.
 *
 * <p>Determinism: every floating-point sum has a fixed order. Vectors accumulate lane-wise and lanes are
 * added in index order ({@link #hsum}); {@code reduceLanes(ADD)} is avoided because its order is
 * unspecified and may differ between interpreted and compiled code.
 */
final class Kernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private final float[] lanes = new float[L];

    float hsum(FloatVector v) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int l = 0; l < L; l++) {
            s += lanes[l];
        }
        return s;
    }

    // ---- threshold: y = scale * (b + sum_i s_i * max(x_i - t_i, 0)) ------------------------------------

    void thresholdForward(float[] x, int xOff, int rows, int k, float[] th, float[] sg, float[] bias, int out,
                          float scale, float[] y, int yOff, int rs, int js) {
        int ub = S.loopBound(k);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int x0 = xOff + r * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
                FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (int i = 0; i < ub; i += L) {
                    FloatVector t = FloatVector.fromArray(S, th, w0 + i);
                    FloatVector s = FloatVector.fromArray(S, sg, w0 + i);
                    a0 = FloatVector.fromArray(S, x, x0 + i).sub(t).max(zero).fma(s, a0);
                    a1 = FloatVector.fromArray(S, x, x1 + i).sub(t).max(zero).fma(s, a1);
                    a2 = FloatVector.fromArray(S, x, x2 + i).sub(t).max(zero).fma(s, a2);
                    a3 = FloatVector.fromArray(S, x, x3 + i).sub(t).max(zero).fma(s, a3);
                }
                float s0 = hsum(a0), s1 = hsum(a1), s2 = hsum(a2), s3 = hsum(a3);
                for (int i = ub; i < k; i++) {
                    float t = th[w0 + i], s = sg[w0 + i];
                    s0 += s * Math.max(x[x0 + i] - t, 0f);
                    s1 += s * Math.max(x[x1 + i] - t, 0f);
                    s2 += s * Math.max(x[x2 + i] - t, 0f);
                    s3 += s * Math.max(x[x3 + i] - t, 0f);
                }
                float b = bias[j];
                int o = yOff + r * rs + j * js;
                y[o] = scale * (b + s0);
                y[o + rs] = scale * (b + s1);
                y[o + 2 * rs] = scale * (b + s2);
                y[o + 3 * rs] = scale * (b + s3);
            }
            for (; r < rows; r++) {
                int x0 = xOff + r * k;
                FloatVector a0 = zero;
                for (int i = 0; i < ub; i += L) {
                    FloatVector t = FloatVector.fromArray(S, th, w0 + i);
                    FloatVector s = FloatVector.fromArray(S, sg, w0 + i);
                    a0 = FloatVector.fromArray(S, x, x0 + i).sub(t).max(zero).fma(s, a0);
                }
                float s0 = hsum(a0);
                for (int i = ub; i < k; i++) {
                    s0 += sg[w0 + i] * Math.max(x[x0 + i] - th[w0 + i], 0f);
                }
                y[yOff + r * rs + j * js] = scale * (bias[j] + s0);
            }
        }
    }

    /**
     * Accumulates parameter gradients (thresholds, latent signs via the straight-through estimator, bias)
     * and, when {@code gx != null}, input gradients (added to {@code gx}, which the caller zeroes).
     * Parameter and input gradients are separate, branch-free loops: one large method with optional
     * paths kept being deoptimised by the JIT and ran on the slow non-intrinsic Vector API fallback.
     */
    void thresholdBackward(float[] x, int xOff, int rows, int k, float[] th, float[] sg, int out, float scale,
                           float[] gy, int gyOff, int rs, int js,
                           float[] gTh, float[] gSg, float[] gBias, float[] gx, int gxOff) {
        thresholdParamGradients(x, xOff, rows, k, th, sg, out, scale, gy, gyOff, rs, js, gTh, gSg, gBias);
        if (gx != null) {
            thresholdInputGradients(x, xOff, rows, k, th, sg, out, scale, gy, gyOff, rs, js, gx, gxOff);
        }
    }

    void thresholdParamGradients(float[] x, int xOff, int rows, int k, float[] th, float[] sg, int out, float scale,
                                 float[] gy, int gyOff, int rs, int js, float[] gTh, float[] gSg, float[] gBias) {
        int ub = S.loopBound(k);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int o = gyOff + r * rs + j * js;
                float g0 = scale * gy[o], g1 = scale * gy[o + rs], g2 = scale * gy[o + 2 * rs], g3 = scale * gy[o + 3 * rs];
                gBias[j] += ((g0 + g1) + g2) + g3;
                int x0 = xOff + r * k;
                for (int i = 0; i < ub; i += L) {
                    paramBlock4(x, x0 + i, k, th, sg, w0 + i, g0, g1, g2, g3, gTh, gSg);
                }
                for (int i = ub; i < k; i++) {
                    paramTap(x[x0 + i], g0, w0 + i, th, sg, gTh, gSg);
                    paramTap(x[x0 + k + i], g1, w0 + i, th, sg, gTh, gSg);
                    paramTap(x[x0 + 2 * k + i], g2, w0 + i, th, sg, gTh, gSg);
                    paramTap(x[x0 + 3 * k + i], g3, w0 + i, th, sg, gTh, gSg);
                }
            }
            for (; r < rows; r++) {
                float g = scale * gy[gyOff + r * rs + j * js];
                gBias[j] += g;
                int x0 = xOff + r * k;
                for (int i = 0; i < ub; i += L) {
                    paramBlock4(x, x0 + i, 0, th, sg, w0 + i, g, 0f, 0f, 0f, gTh, gSg);
                }
                for (int i = ub; i < k; i++) {
                    paramTap(x[x0 + i], g, w0 + i, th, sg, gTh, gSg);
                }
            }
        }
    }

    /**
     * One vector of synapses for four rows at {@code xi, xi + stride, ...}. With {@code stride 0} and zero
     * gradients for rows 1-3 it serves a single row: those rows then add exact zeros.
     */
    private static void paramBlock4(float[] x, int xi, int stride, float[] th, float[] sg, int w,
                                    float g0, float g1, float g2, float g3, float[] gTh, float[] gSg) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector t = FloatVector.fromArray(S, th, w);
        FloatVector s = FloatVector.fromArray(S, sg, w);
        FloatVector e0 = FloatVector.fromArray(S, x, xi).sub(t);
        FloatVector e1 = FloatVector.fromArray(S, x, xi + stride).sub(t);
        FloatVector e2 = FloatVector.fromArray(S, x, xi + 2 * stride).sub(t);
        FloatVector e3 = FloatVector.fromArray(S, x, xi + 3 * stride).sub(t);
        // dL/ds = g * max(x - t, 0), summed over the rows in order.
        FloatVector gw = FloatVector.fromArray(S, gSg, w);
        gw = e0.max(zero).fma(FloatVector.broadcast(S, g0), gw);
        gw = e1.max(zero).fma(FloatVector.broadcast(S, g1), gw);
        gw = e2.max(zero).fma(FloatVector.broadcast(S, g2), gw);
        gw = e3.max(zero).fma(FloatVector.broadcast(S, g3), gw);
        gw.intoArray(gSg, w);
        // dL/dt = -s * g * [x > t]: the row gradients of the active rows, summed in order.
        FloatVector a = zero.blend(FloatVector.broadcast(S, g0), e0.compare(VectorOperators.GT, 0f));
        a = a.add(zero.blend(FloatVector.broadcast(S, g1), e1.compare(VectorOperators.GT, 0f)));
        a = a.add(zero.blend(FloatVector.broadcast(S, g2), e2.compare(VectorOperators.GT, 0f)));
        a = a.add(zero.blend(FloatVector.broadcast(S, g3), e3.compare(VectorOperators.GT, 0f)));
        FloatVector.fromArray(S, gTh, w).sub(a.mul(s)).intoArray(gTh, w);
    }

    private static void paramTap(float x, float g, int w, float[] th, float[] sg, float[] gTh, float[] gSg) {
        float e = x - th[w];
        if (e > 0f) {
            gSg[w] += g * e;
            gTh[w] -= sg[w] * g;
        }
    }

    void thresholdInputGradients(float[] x, int xOff, int rows, int k, float[] th, float[] sg, int out, float scale,
                                 float[] gy, int gyOff, int rs, int js, float[] gx, int gxOff) {
        int ub = S.loopBound(k);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            for (int r = 0; r < rows; r++) {
                float g = scale * gy[gyOff + r * rs + j * js];
                int x0 = xOff + r * k, d0 = gxOff + r * k;
                FloatVector gv = FloatVector.broadcast(S, g);
                for (int i = 0; i < ub; i += L) {
                    FloatVector t = FloatVector.fromArray(S, th, w0 + i);
                    FloatVector sgq = FloatVector.fromArray(S, sg, w0 + i).mul(gv);
                    VectorMask<Float> m = FloatVector.fromArray(S, x, x0 + i).compare(VectorOperators.GT, t);
                    FloatVector.fromArray(S, gx, d0 + i).add(FloatVector.zero(S).blend(sgq, m)).intoArray(gx, d0 + i);
                }
                for (int i = ub; i < k; i++) {
                    if (x[x0 + i] > th[w0 + i]) {
                        gx[d0 + i] += sg[w0 + i] * g;
                    }
                }
            }
        }
    }

    // ---- multiply-accumulate: y = act(scale * (b + sum_i w_i x_i)) -------------------------------------

    void macForward(float[] x, int xOff, int rows, int k, float[] wt, float[] bias, int out, float scale,
                    boolean relu, float[] y, int yOff, int rs, int js) {
        int ub = S.loopBound(k);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int x0 = xOff + r * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
                FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (int i = 0; i < ub; i += L) {
                    FloatVector w = FloatVector.fromArray(S, wt, w0 + i);
                    a0 = FloatVector.fromArray(S, x, x0 + i).fma(w, a0);
                    a1 = FloatVector.fromArray(S, x, x1 + i).fma(w, a1);
                    a2 = FloatVector.fromArray(S, x, x2 + i).fma(w, a2);
                    a3 = FloatVector.fromArray(S, x, x3 + i).fma(w, a3);
                }
                float s0 = hsum(a0), s1 = hsum(a1), s2 = hsum(a2), s3 = hsum(a3);
                for (int i = ub; i < k; i++) {
                    float w = wt[w0 + i];
                    s0 += w * x[x0 + i];
                    s1 += w * x[x1 + i];
                    s2 += w * x[x2 + i];
                    s3 += w * x[x3 + i];
                }
                float b = bias[j];
                int o = yOff + r * rs + j * js;
                y[o] = act(scale * (b + s0), relu);
                y[o + rs] = act(scale * (b + s1), relu);
                y[o + 2 * rs] = act(scale * (b + s2), relu);
                y[o + 3 * rs] = act(scale * (b + s3), relu);
            }
            for (; r < rows; r++) {
                int x0 = xOff + r * k;
                FloatVector a0 = zero;
                for (int i = 0; i < ub; i += L) {
                    a0 = FloatVector.fromArray(S, x, x0 + i).fma(FloatVector.fromArray(S, wt, w0 + i), a0);
                }
                float s0 = hsum(a0);
                for (int i = ub; i < k; i++) {
                    s0 += wt[w0 + i] * x[x0 + i];
                }
                y[yOff + r * rs + j * js] = act(scale * (bias[j] + s0), relu);
            }
        }
    }

    /** Gradients of {@link #macForward}; {@code y} is the forward output (for the ReLU mask). */
    void macBackward(float[] x, int xOff, int rows, int k, float[] wt, int out, float scale, boolean relu,
                     float[] y, float[] gy, int gyOff, int rs, int js, float[] gW, float[] gBias,
                     float[] gx, int gxOff) {
        int ub = S.loopBound(k);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            for (int r = 0; r < rows; r++) {
                int o = gyOff + r * rs + j * js;
                float g = relu && y[o] <= 0f ? 0f : scale * gy[o];
                if (g == 0f) {
                    continue;
                }
                gBias[j] += g;
                int x0 = xOff + r * k, d0 = gxOff + r * k;
                for (int i = 0; i < ub; i += L) {
                    int w = w0 + i;
                    FloatVector.fromArray(S, x, x0 + i).fma(FloatVector.broadcast(S, g), FloatVector.fromArray(S, gW, w)).intoArray(gW, w);
                    if (gx != null) {
                        FloatVector.fromArray(S, wt, w).fma(FloatVector.broadcast(S, g), FloatVector.fromArray(S, gx, d0 + i)).intoArray(gx, d0 + i);
                    }
                }
                for (int i = ub; i < k; i++) {
                    gW[w0 + i] += g * x[x0 + i];
                    if (gx != null) {
                        gx[d0 + i] += g * wt[w0 + i];
                    }
                }
            }
        }
    }

    private static float act(float v, boolean relu) {
        return relu ? Math.max(v, 0f) : v;
    }
}
