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
     */
    void thresholdBackward(float[] x, int xOff, int rows, int k, float[] th, float[] sg, int out, float scale,
                           float[] gy, int gyOff, int rs, int js,
                           float[] gTh, float[] gSg, float[] gBias, float[] gx, int gxOff) {
        int ub = S.loopBound(k);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < out; j++) {
            int w0 = j * k;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int o = gyOff + r * rs + j * js;
                float g0 = scale * gy[o], g1 = scale * gy[o + rs], g2 = scale * gy[o + 2 * rs], g3 = scale * gy[o + 3 * rs];
                if (g0 == 0f && g1 == 0f && g2 == 0f && g3 == 0f) {
                    continue;
                }
                gBias[j] += ((g0 + g1) + g2) + g3;
                int x0 = xOff + r * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
                int d0 = gxOff + r * k, d1 = d0 + k, d2 = d1 + k, d3 = d2 + k;
                for (int i = 0; i < ub; i += L) {
                    int w = w0 + i;
                    FloatVector t = FloatVector.fromArray(S, th, w);
                    FloatVector s = FloatVector.fromArray(S, sg, w);
                    FloatVector gw = FloatVector.fromArray(S, gSg, w);
                    FloatVector gt = FloatVector.fromArray(S, gTh, w);
                    FloatVector e;
                    VectorMask<Float> m;
                    FloatVector sgq;
                    e = FloatVector.fromArray(S, x, x0 + i).sub(t);
                    m = e.compare(VectorOperators.GT, 0f);
                    gw = e.max(zero).fma(FloatVector.broadcast(S, g0), gw);
                    sgq = s.mul(g0);
                    gt = gt.lanewise(VectorOperators.SUB, sgq, m);
                    if (gx != null) {
                        FloatVector.fromArray(S, gx, d0 + i).lanewise(VectorOperators.ADD, sgq, m).intoArray(gx, d0 + i);
                    }
                    e = FloatVector.fromArray(S, x, x1 + i).sub(t);
                    m = e.compare(VectorOperators.GT, 0f);
                    gw = e.max(zero).fma(FloatVector.broadcast(S, g1), gw);
                    sgq = s.mul(g1);
                    gt = gt.lanewise(VectorOperators.SUB, sgq, m);
                    if (gx != null) {
                        FloatVector.fromArray(S, gx, d1 + i).lanewise(VectorOperators.ADD, sgq, m).intoArray(gx, d1 + i);
                    }
                    e = FloatVector.fromArray(S, x, x2 + i).sub(t);
                    m = e.compare(VectorOperators.GT, 0f);
                    gw = e.max(zero).fma(FloatVector.broadcast(S, g2), gw);
                    sgq = s.mul(g2);
                    gt = gt.lanewise(VectorOperators.SUB, sgq, m);
                    if (gx != null) {
                        FloatVector.fromArray(S, gx, d2 + i).lanewise(VectorOperators.ADD, sgq, m).intoArray(gx, d2 + i);
                    }
                    e = FloatVector.fromArray(S, x, x3 + i).sub(t);
                    m = e.compare(VectorOperators.GT, 0f);
                    gw = e.max(zero).fma(FloatVector.broadcast(S, g3), gw);
                    sgq = s.mul(g3);
                    gt = gt.lanewise(VectorOperators.SUB, sgq, m);
                    if (gx != null) {
                        FloatVector.fromArray(S, gx, d3 + i).lanewise(VectorOperators.ADD, sgq, m).intoArray(gx, d3 + i);
                    }
                    gw.intoArray(gSg, w);
                    gt.intoArray(gTh, w);
                }
                for (int i = ub; i < k; i++) {
                    thresholdTap(x[x0 + i], g0, w0 + i, th, sg, gTh, gSg, gx, d0 + i);
                    thresholdTap(x[x1 + i], g1, w0 + i, th, sg, gTh, gSg, gx, d1 + i);
                    thresholdTap(x[x2 + i], g2, w0 + i, th, sg, gTh, gSg, gx, d2 + i);
                    thresholdTap(x[x3 + i], g3, w0 + i, th, sg, gTh, gSg, gx, d3 + i);
                }
            }
            for (; r < rows; r++) {
                float g = scale * gy[gyOff + r * rs + j * js];
                if (g == 0f) {
                    continue;
                }
                gBias[j] += g;
                int x0 = xOff + r * k, d0 = gxOff + r * k;
                for (int i = 0; i < ub; i += L) {
                    int w = w0 + i;
                    FloatVector t = FloatVector.fromArray(S, th, w);
                    FloatVector s = FloatVector.fromArray(S, sg, w);
                    FloatVector e = FloatVector.fromArray(S, x, x0 + i).sub(t);
                    VectorMask<Float> m = e.compare(VectorOperators.GT, 0f);
                    e.max(zero).fma(FloatVector.broadcast(S, g), FloatVector.fromArray(S, gSg, w)).intoArray(gSg, w);
                    FloatVector sgq = s.mul(g);
                    FloatVector.fromArray(S, gTh, w).lanewise(VectorOperators.SUB, sgq, m).intoArray(gTh, w);
                    if (gx != null) {
                        FloatVector.fromArray(S, gx, d0 + i).lanewise(VectorOperators.ADD, sgq, m).intoArray(gx, d0 + i);
                    }
                }
                for (int i = ub; i < k; i++) {
                    thresholdTap(x[x0 + i], g, w0 + i, th, sg, gTh, gSg, gx, d0 + i);
                }
            }
        }
    }

    private static void thresholdTap(float x, float g, int w, float[] th, float[] sg, float[] gTh, float[] gSg,
                                     float[] gx, int d) {
        float e = x - th[w];
        if (e > 0f) {
            gSg[w] += g * e;
            float sgq = sg[w] * g;
            gTh[w] -= sgq;
            if (gx != null) {
                gx[d] += sgq;
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
