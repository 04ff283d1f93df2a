package io.tnet.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on 128-bit vectors. GENERATED from {@code Simd512} by {@code cpu-kernel/gen-simd-variants.sh}:
 * (same code, other {@code BITS}); {@code SimdVariantsTest} fails if they drift apart, and
 * {@code cpu-kernel/gen-simd-variants.sh} regenerates them.
 *
 * <p>Int8 threshold synapses: {@code d = xu -sat tu} (unsigned saturating subtraction of biased bytes) is
 * {@code max(x - theta, 0)} in [0, 255]. The signed sum is {@code 2 * E - T}, where {@code T} sums every
 * {@code d} and {@code E} only the excitatory ones (one masked blend from the sign bits). The byte lanes
 * are summed as 16-bit lanes (low byte plus high byte of each 16-bit pair, at most 510 per step), which
 * cannot overflow within {@code FLUSH} steps; then they are widened to int. No multiplication anywhere.
 */
final class Simd128 extends Lanes {

    static final int BITS = 128;
    static final Simd128 INSTANCE = new Simd128();

    private static final VectorShape SHAPE = VectorShape.forBitSize(BITS);
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, SHAPE);
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, SHAPE);
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, SHAPE);
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);
    /** Bytes that widen to one int vector (at least 64 bits, the smallest species). */
    private static final VectorSpecies<Byte> BQ = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BITS / 4)));
    private static final int BQ_PARTS = BQ.length() / I.length();
    private static final int L = B.length();
    private static final long LANE_BITS = L == 64 ? -1L : (1L << L) - 1;
    /** Steps of at most 510 per 16-bit lane before the lane could pass 65535. */
    private static final int FLUSH = 128;
    private static final short LOW = 0xFF;

    private Simd128() {
    }

    @Override
    String describe() {
        return "vector-" + BITS;
    }

    // ---- int8 threshold -------------------------------------------------------------------------

    @Override
    void thresholdInt8(byte[] xu, int xo, int rows, byte[] tu, int wo, long[] signs, int so, int n, int[] acc) {
        if (rows == MAX_ROWS) {
            threshold4(xu, xo, tu, wo, signs, so, n, acc);
        } else {
            for (int r = 0; r < rows; r++) {
                acc[r] = threshold1(xu, xo + r * n, tu, wo, signs, so, n);
            }
        }
    }

    private static long bitsAt(long[] signs, int so, int i) {
        return (signs[so + (i >>> 6)] >>> (i & 63)) & LANE_BITS;
    }

    /** Sum of the 16-bit lanes of {@code v} read unsigned. */
    private static int widenSum(ShortVector v) {
        IntVector iv = v.reinterpretAsInts();
        return iv.and(0xFFFF).add(iv.lanewise(VectorOperators.LSHR, 16)).reduceLanes(VectorOperators.ADD);
    }

    /** Adds the unsigned bytes of {@code d} pairwise into the 16-bit lanes of {@code acc}. */
    private static ShortVector addBytes(ShortVector acc, ByteVector d) {
        ShortVector ds = d.reinterpretAsShorts();
        return acc.add(ds.and(LOW)).add(ds.lanewise(VectorOperators.LSHR, 8));
    }

    private static int threshold1(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n) {
        int total = 0;
        int exc = 0;
        int vEnd = B.loopBound(n);
        int i = 0;
        ByteVector zero = ByteVector.zero(B);
        while (i < vEnd) {
            int blockEnd = Math.min(vEnd, i + FLUSH * L);
            ShortVector t16 = ShortVector.zero(S);
            ShortVector e16 = ShortVector.zero(S);
            for (; i < blockEnd; i += L) {
                ByteVector th = ByteVector.fromArray(B, tu, wo + i);
                VectorMask<Byte> m = VectorMask.fromLong(B, bitsAt(signs, so, i));
                ByteVector d = ByteVector.fromArray(B, xu, xo + i).lanewise(VectorOperators.SUSUB, th);
                t16 = addBytes(t16, d);
                e16 = addBytes(e16, zero.blend(d, m));
            }
            total += widenSum(t16);
            exc += widenSum(e16);
        }
        for (; i < n; i++) {
            int d = Math.max((xu[xo + i] & 0xFF) - (tu[wo + i] & 0xFF), 0);
            total += d;
            exc += excitatory(signs, so, i) ? d : 0;
        }
        return 2 * exc - total;
    }

    private static void threshold4(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n, int[] acc) {
        int x0 = xo;
        int x1 = xo + n;
        int x2 = xo + 2 * n;
        int x3 = xo + 3 * n;
        int t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        int e0 = 0, e1 = 0, e2 = 0, e3 = 0;
        int vEnd = B.loopBound(n);
        int i = 0;
        ByteVector zero = ByteVector.zero(B);
        while (i < vEnd) {
            int blockEnd = Math.min(vEnd, i + FLUSH * L);
            ShortVector ta = ShortVector.zero(S), tb = ShortVector.zero(S), tc = ShortVector.zero(S), td = ShortVector.zero(S);
            ShortVector ea = ShortVector.zero(S), eb = ShortVector.zero(S), ec = ShortVector.zero(S), ed = ShortVector.zero(S);
            for (; i < blockEnd; i += L) {
                ByteVector th = ByteVector.fromArray(B, tu, wo + i);
                VectorMask<Byte> m = VectorMask.fromLong(B, bitsAt(signs, so, i));
                ByteVector da = ByteVector.fromArray(B, xu, x0 + i).lanewise(VectorOperators.SUSUB, th);
                ByteVector db = ByteVector.fromArray(B, xu, x1 + i).lanewise(VectorOperators.SUSUB, th);
                ByteVector dc = ByteVector.fromArray(B, xu, x2 + i).lanewise(VectorOperators.SUSUB, th);
                ByteVector dd = ByteVector.fromArray(B, xu, x3 + i).lanewise(VectorOperators.SUSUB, th);
                ta = addBytes(ta, da);
                tb = addBytes(tb, db);
                tc = addBytes(tc, dc);
                td = addBytes(td, dd);
                ea = addBytes(ea, zero.blend(da, m));
                eb = addBytes(eb, zero.blend(db, m));
                ec = addBytes(ec, zero.blend(dc, m));
                ed = addBytes(ed, zero.blend(dd, m));
            }
            t0 += widenSum(ta);
            t1 += widenSum(tb);
            t2 += widenSum(tc);
            t3 += widenSum(td);
            e0 += widenSum(ea);
            e1 += widenSum(eb);
            e2 += widenSum(ec);
            e3 += widenSum(ed);
        }
        for (; i < n; i++) {
            int th = tu[wo + i] & 0xFF;
            boolean ex = excitatory(signs, so, i);
            int da = Math.max((xu[x0 + i] & 0xFF) - th, 0);
            int db = Math.max((xu[x1 + i] & 0xFF) - th, 0);
            int dc = Math.max((xu[x2 + i] & 0xFF) - th, 0);
            int dd = Math.max((xu[x3 + i] & 0xFF) - th, 0);
            t0 += da;
            t1 += db;
            t2 += dc;
            t3 += dd;
            if (ex) {
                e0 += da;
                e1 += db;
                e2 += dc;
                e3 += dd;
            }
        }
        acc[0] = 2 * e0 - t0;
        acc[1] = 2 * e1 - t1;
        acc[2] = 2 * e2 - t2;
        acc[3] = 2 * e3 - t3;
    }

    // ---- int8 multiplication injection ----------------------------------------------------------

    @Override
    void denseInt8(byte[] x, int xo, int rows, byte[] w, int wo, int n, int[] acc) {
        int step = BQ.length();
        int vEnd = BQ.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            IntVector sum = IntVector.zero(I);
            int i = 0;
            for (; i < vEnd; i += step) {
                ByteVector xb = ByteVector.fromArray(BQ, x, base + i);
                ByteVector wb = ByteVector.fromArray(BQ, w, wo + i);
                for (int p = 0; p < BQ_PARTS; p++) {
                    IntVector xi = (IntVector) xb.convertShape(VectorOperators.B2I, I, p);
                    IntVector wi = (IntVector) wb.convertShape(VectorOperators.B2I, I, p);
                    sum = sum.add(xi.mul(wi));
                }
            }
            int s = sum.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                s += w[wo + i] * x[base + i];
            }
            acc[r] = s;
        }
    }

    // ---- float ----------------------------------------------------------------------------------

    /**
     * Sum of the lanes in a fixed tree order. {@code reduceLanes(ADD)} leaves the order unspecified, and
     * the interpreter's and C2's orders differ, so a float result would depend on JIT state.
     */
    private static float sumLanes(FloatVector v) {
        for (int s = F.length() / 2; s > 0; s >>= 1) {
            v = v.add(v.rearrange(VectorShuffle.iota(F, s, 1, true)));
        }
        return v.lane(0);
    }

    @Override
    void thresholdF32(float[] x, int xo, int rows, float[] t, float[] s, int wo, int n, float[] acc) {
        int step = F.length();
        int vEnd = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            FloatVector sum = FloatVector.zero(F);
            int i = 0;
            for (; i < vEnd; i += step) {
                FloatVector d = FloatVector.fromArray(F, x, base + i).sub(FloatVector.fromArray(F, t, wo + i))
                        .lanewise(VectorOperators.MAX, 0f);
                sum = d.fma(FloatVector.fromArray(F, s, wo + i), sum);
            }
            float a = sumLanes(sum);
            for (; i < n; i++) {
                a = Math.fma(Math.max(x[base + i] - t[wo + i], 0f), s[wo + i], a);
            }
            acc[r] = a;
        }
    }

    @Override
    void denseF32(float[] x, int xo, int rows, float[] w, int wo, int n, float[] acc) {
        if (rows == MAX_ROWS) {
            dense4F32(x, xo, w, wo, n, acc);
            return;
        }
        int step = F.length();
        int vEnd = F.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            FloatVector sum = FloatVector.zero(F);
            int i = 0;
            for (; i < vEnd; i += step) {
                sum = FloatVector.fromArray(F, w, wo + i).fma(FloatVector.fromArray(F, x, base + i), sum);
            }
            float a = sumLanes(sum);
            for (; i < n; i++) {
                a = Math.fma(w[wo + i], x[base + i], a);
            }
            acc[r] = a;
        }
    }

    /** Four rows sharing each weight load; per row the same operations in the same order as one row. */
    private static void dense4F32(float[] x, int xo, float[] w, int wo, int n, float[] acc) {
        int step = F.length();
        int vEnd = F.loopBound(n);
        int x0 = xo;
        int x1 = xo + n;
        int x2 = xo + 2 * n;
        int x3 = xo + 3 * n;
        FloatVector sa = FloatVector.zero(F), sb = FloatVector.zero(F), sc = FloatVector.zero(F), sd = FloatVector.zero(F);
        int i = 0;
        for (; i < vEnd; i += step) {
            FloatVector wv = FloatVector.fromArray(F, w, wo + i);
            sa = wv.fma(FloatVector.fromArray(F, x, x0 + i), sa);
            sb = wv.fma(FloatVector.fromArray(F, x, x1 + i), sb);
            sc = wv.fma(FloatVector.fromArray(F, x, x2 + i), sc);
            sd = wv.fma(FloatVector.fromArray(F, x, x3 + i), sd);
        }
        float a = sumLanes(sa);
        float b = sumLanes(sb);
        float c = sumLanes(sc);
        float d = sumLanes(sd);
        for (; i < n; i++) {
            float wi = w[wo + i];
            a = Math.fma(wi, x[x0 + i], a);
            b = Math.fma(wi, x[x1 + i], b);
            c = Math.fma(wi, x[x2 + i], c);
            d = Math.fma(wi, x[x3 + i], d);
        }
        acc[0] = a;
        acc[1] = b;
        acc[2] = c;
        acc[3] = d;
    }
}
