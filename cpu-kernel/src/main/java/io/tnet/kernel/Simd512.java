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
 * {@link Lanes} on 512-bit vectors. This file is the template of {@code Simd256} and {@code Simd128}
 * (same code, other {@code BITS}); {@code SimdVariantsTest} fails if they drift apart, and
 * {@code cpu-kernel/gen-simd-variants.sh} regenerates them.
 *
 * <p>Int8 threshold synapses: {@code d = xu -sat tu} (unsigned saturating subtraction of biased bytes) is
 * {@code max(x - theta, 0)} in [0, 255]. The signed sum is {@code 2 * E - T}, where {@code T} sums every
 * {@code d} and {@code E} only the excitatory ones (one masked blend from the sign bits). The byte lanes
 * are summed in 16-bit lanes (low byte plus high byte of each 16-bit pair, at most 510 per step), which
 * cannot pass 2^16 within {@code FLUSH} steps; then they are widened to int. No multiplication anywhere.
 */
final class Simd512 extends Lanes {

    static final int BITS = 512;
    static final Simd512 INSTANCE = new Simd512();

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

    private Simd512() {
    }

    @Override
    String describe() {
        return "vector-" + BITS;
    }

    // ---- int8 threshold -------------------------------------------------------------------------

    @Override
    void thresholdInt8(byte[] xu, int xo, int rows, byte[] tu, int wo, long[] signs, int so, int n, int[] acc) {
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            threshold2(xu, xo + r * n, n, tu, wo, signs, so, n, acc, r);
        }
        if (r < rows) {
            acc[r] = threshold1(xu, xo + r * n, tu, wo, signs, so, n);
        }
    }

    private static long bitsAt(long[] signs, int so, int i) {
        return (signs[so + (i >>> 6)] >>> (i & 63)) & LANE_BITS;
    }

    // Flushing a block: "raw" summed the 16-bit lanes as they are (lo + 256 hi, wrapping) and "hi" the high
    // bytes, so per lane lo + hi = raw - 255 hi (mod 2^16, exact below 2^16); widened unsigned to int, the
    // lanes add 2 E - T to an int accumulator that is reduced once per neuron. Written out at every use:
    // a helper taking vectors is not inlined reliably (C2 judges flush sites cold) and then boxes them.

    private static int threshold1(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n) {
        IntVector acc = IntVector.zero(I);
        int vEnd = B.loopBound(n);
        int i = 0;
        ByteVector zero = ByteVector.zero(B);
        while (i < vEnd) {
            int blockEnd = Math.min(vEnd, i + FLUSH * L);
            ShortVector t = ShortVector.zero(S);
            ShortVector th = ShortVector.zero(S);
            ShortVector e = ShortVector.zero(S);
            ShortVector eh = ShortVector.zero(S);
            for (; i < blockEnd; i += L) {
                ByteVector tv = ByteVector.fromArray(B, tu, wo + i);
                VectorMask<Byte> m = VectorMask.fromLong(B, bitsAt(signs, so, i));
                ByteVector d = ByteVector.fromArray(B, xu, xo + i).lanewise(VectorOperators.SUSUB, tv);
                ShortVector ds = d.reinterpretAsShorts();
                t = t.add(ds);
                th = th.add(ds.lanewise(VectorOperators.LSHR, 8));
                ShortVector es = zero.blend(d, m).reinterpretAsShorts();
                e = e.add(es);
                eh = eh.add(es.lanewise(VectorOperators.LSHR, 8));
            }
            ShortVector tw = t.sub(th.lanewise(VectorOperators.LSHL, 8)).add(th);
            ShortVector ew = e.sub(eh.lanewise(VectorOperators.LSHL, 8)).add(eh);
            IntVector ti = tw.reinterpretAsInts();
            IntVector ei = ew.reinterpretAsInts();
            acc = acc.add(ei.and(0xFFFF).add(ei.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.LSHL, 1))
                    .sub(ti.and(0xFFFF).add(ti.lanewise(VectorOperators.LSHR, 16)));
        }
        int sum = acc.reduceLanes(VectorOperators.ADD);
        return i < n ? sum + tail(xu, xo, tu, wo, signs, so, n, i) : sum;
    }

    /**
     * Two rows sharing each threshold load and sign mask. Two, not four: with four rows C2 reaches its
     * inlining node limit, stops inlining the Vector API calls and boxes every vector (100x slower).
     */
    private static void threshold2(byte[] xu, int xo, int stride, byte[] tu, int wo, long[] signs, int so, int n,
                                   int[] out, int at) {
        int x0 = xo;
        int x1 = xo + stride;
        IntVector acc0 = IntVector.zero(I);
        IntVector acc1 = IntVector.zero(I);
        int vEnd = B.loopBound(n);
        int i = 0;
        ByteVector zero = ByteVector.zero(B);
        while (i < vEnd) {
            int blockEnd = Math.min(vEnd, i + FLUSH * L);
            ShortVector ta = ShortVector.zero(S), tah = ShortVector.zero(S), tb = ShortVector.zero(S), tbh = ShortVector.zero(S);
            ShortVector ea = ShortVector.zero(S), eah = ShortVector.zero(S), eb = ShortVector.zero(S), ebh = ShortVector.zero(S);
            for (; i < blockEnd; i += L) {
                ByteVector tv = ByteVector.fromArray(B, tu, wo + i);
                VectorMask<Byte> m = VectorMask.fromLong(B, bitsAt(signs, so, i));
                ByteVector da = ByteVector.fromArray(B, xu, x0 + i).lanewise(VectorOperators.SUSUB, tv);
                ByteVector db = ByteVector.fromArray(B, xu, x1 + i).lanewise(VectorOperators.SUSUB, tv);
                ShortVector sa = da.reinterpretAsShorts();
                ShortVector sb = db.reinterpretAsShorts();
                ta = ta.add(sa);
                tah = tah.add(sa.lanewise(VectorOperators.LSHR, 8));
                tb = tb.add(sb);
                tbh = tbh.add(sb.lanewise(VectorOperators.LSHR, 8));
                ShortVector pa = zero.blend(da, m).reinterpretAsShorts();
                ShortVector pb = zero.blend(db, m).reinterpretAsShorts();
                ea = ea.add(pa);
                eah = eah.add(pa.lanewise(VectorOperators.LSHR, 8));
                eb = eb.add(pb);
                ebh = ebh.add(pb.lanewise(VectorOperators.LSHR, 8));
            }
            ShortVector taw = ta.sub(tah.lanewise(VectorOperators.LSHL, 8)).add(tah);
            ShortVector eaw = ea.sub(eah.lanewise(VectorOperators.LSHL, 8)).add(eah);
            IntVector tai = taw.reinterpretAsInts();
            IntVector eai = eaw.reinterpretAsInts();
            acc0 = acc0.add(eai.and(0xFFFF).add(eai.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.LSHL, 1))
                    .sub(tai.and(0xFFFF).add(tai.lanewise(VectorOperators.LSHR, 16)));
            ShortVector tbw = tb.sub(tbh.lanewise(VectorOperators.LSHL, 8)).add(tbh);
            ShortVector ebw = eb.sub(ebh.lanewise(VectorOperators.LSHL, 8)).add(ebh);
            IntVector tbi = tbw.reinterpretAsInts();
            IntVector ebi = ebw.reinterpretAsInts();
            acc1 = acc1.add(ebi.and(0xFFFF).add(ebi.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.LSHL, 1))
                    .sub(tbi.and(0xFFFF).add(tbi.lanewise(VectorOperators.LSHR, 16)));
        }
        int s0 = acc0.reduceLanes(VectorOperators.ADD);
        int s1 = acc1.reduceLanes(VectorOperators.ADD);
        if (i < n) {
            s0 += tail(xu, x0, tu, wo, signs, so, n, i);
            s1 += tail(xu, x1, tu, wo, signs, so, n, i);
        }
        out[at] = s0;
        out[at + 1] = s1;
    }

    @Override
    void thresholdInt8Pair(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n, int[] out) {
        int w1 = wo + n;
        int s1 = so + ((n + 63) >>> 6);
        IntVector acc0 = IntVector.zero(I);
        IntVector acc1 = IntVector.zero(I);
        int vEnd = B.loopBound(n);
        int i = 0;
        ByteVector zero = ByteVector.zero(B);
        while (i < vEnd) {
            int blockEnd = Math.min(vEnd, i + FLUSH * L);
            ShortVector ta = ShortVector.zero(S), tah = ShortVector.zero(S), tb = ShortVector.zero(S), tbh = ShortVector.zero(S);
            ShortVector ea = ShortVector.zero(S), eah = ShortVector.zero(S), eb = ShortVector.zero(S), ebh = ShortVector.zero(S);
            for (; i < blockEnd; i += L) {
                ByteVector x = ByteVector.fromArray(B, xu, xo + i);
                VectorMask<Byte> ma = VectorMask.fromLong(B, bitsAt(signs, so, i));
                VectorMask<Byte> mb = VectorMask.fromLong(B, bitsAt(signs, s1, i));
                ByteVector da = x.lanewise(VectorOperators.SUSUB, ByteVector.fromArray(B, tu, wo + i));
                ByteVector db = x.lanewise(VectorOperators.SUSUB, ByteVector.fromArray(B, tu, w1 + i));
                ShortVector sa = da.reinterpretAsShorts();
                ShortVector sb = db.reinterpretAsShorts();
                ta = ta.add(sa);
                tah = tah.add(sa.lanewise(VectorOperators.LSHR, 8));
                tb = tb.add(sb);
                tbh = tbh.add(sb.lanewise(VectorOperators.LSHR, 8));
                ShortVector pa = zero.blend(da, ma).reinterpretAsShorts();
                ShortVector pb = zero.blend(db, mb).reinterpretAsShorts();
                ea = ea.add(pa);
                eah = eah.add(pa.lanewise(VectorOperators.LSHR, 8));
                eb = eb.add(pb);
                ebh = ebh.add(pb.lanewise(VectorOperators.LSHR, 8));
            }
            ShortVector taw = ta.sub(tah.lanewise(VectorOperators.LSHL, 8)).add(tah);
            ShortVector eaw = ea.sub(eah.lanewise(VectorOperators.LSHL, 8)).add(eah);
            IntVector tai = taw.reinterpretAsInts();
            IntVector eai = eaw.reinterpretAsInts();
            acc0 = acc0.add(eai.and(0xFFFF).add(eai.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.LSHL, 1))
                    .sub(tai.and(0xFFFF).add(tai.lanewise(VectorOperators.LSHR, 16)));
            ShortVector tbw = tb.sub(tbh.lanewise(VectorOperators.LSHL, 8)).add(tbh);
            ShortVector ebw = eb.sub(ebh.lanewise(VectorOperators.LSHL, 8)).add(ebh);
            IntVector tbi = tbw.reinterpretAsInts();
            IntVector ebi = ebw.reinterpretAsInts();
            acc1 = acc1.add(ebi.and(0xFFFF).add(ebi.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.LSHL, 1))
                    .sub(tbi.and(0xFFFF).add(tbi.lanewise(VectorOperators.LSHR, 16)));
        }
        int r0 = acc0.reduceLanes(VectorOperators.ADD);
        int r1 = acc1.reduceLanes(VectorOperators.ADD);
        if (i < n) {
            r0 += tail(xu, xo, tu, wo, signs, so, n, i);
            r1 += tail(xu, xo, tu, w1, signs, s1, n, i);
        }
        out[0] = r0;
        out[1] = r1;
    }

    /**
     * The signed sum over inputs {@code [from, n)}, fewer than one vector. With {@code n >= L}: one
     * vector ending at {@code n}, overlapping lanes already summed, which a blend drops; no scalar
     * loop and no sign-dependent branch. Vectors stay inside this method, so calling it boxes nothing.
     */
    private static int tail(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n, int from) {
        if (n < L) {
            int sum = 0;
            for (int i = from; i < n; i++) {
                int d = Math.max((xu[xo + i] & 0xFF) - (tu[wo + i] & 0xFF), 0);
                int neg = 1 - (int) (signs[so + (i >>> 6)] >>> (i & 63) & 1L);
                sum += (d ^ -neg) + neg; // d or -d without a branch
            }
            return sum;
        }
        int start = n - L;
        int k = so + (start >>> 6);
        int sh = start & 63;
        long hi = sh != 0 && sh + L > 64 ? signs[k + 1] << (64 - sh) : 0L;
        long bits = ((signs[k] >>> sh) | hi) & LANE_BITS;
        long keep = LANE_BITS & (-1L << (L - (n - from)));
        ByteVector zero = ByteVector.zero(B);
        ByteVector d = ByteVector.fromArray(B, xu, xo + start)
                .lanewise(VectorOperators.SUSUB, ByteVector.fromArray(B, tu, wo + start));
        ShortVector dt = zero.blend(d, VectorMask.fromLong(B, keep)).reinterpretAsShorts();
        ShortVector de = zero.blend(d, VectorMask.fromLong(B, bits & keep)).reinterpretAsShorts();
        IntVector ti = dt.and((short) 0xFF).add(dt.lanewise(VectorOperators.LSHR, 8)).reinterpretAsInts();
        IntVector ei = de.and((short) 0xFF).add(de.lanewise(VectorOperators.LSHR, 8)).reinterpretAsInts();
        IntVector t = ti.and(0xFFFF).add(ti.lanewise(VectorOperators.LSHR, 16));
        IntVector e = ei.and(0xFFFF).add(ei.lanewise(VectorOperators.LSHR, 16));
        return e.lanewise(VectorOperators.LSHL, 1).sub(t).reduceLanes(VectorOperators.ADD);
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

    // Float lane sums use a fixed tree (rotate by FL/2, FL/4, ... and add), written out at each use like
    // the int8 flushes. reduceLanes(ADD) leaves the order unspecified, and the interpreter's and C2's
    // orders differ, so a float result would depend on JIT state.
    private static final int FL = F.length();
    private static final VectorShuffle<Float> ROT1 = VectorShuffle.iota(F, FL / 2, 1, true);
    private static final VectorShuffle<Float> ROT2 = VectorShuffle.iota(F, Math.max(1, FL / 4), 1, true);
    private static final VectorShuffle<Float> ROT3 = VectorShuffle.iota(F, Math.max(1, FL / 8), 1, true);
    private static final VectorShuffle<Float> ROT4 = VectorShuffle.iota(F, Math.max(1, FL / 16), 1, true);

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
            sum = sum.add(sum.rearrange(ROT1));
            if (FL >= 4) {
                sum = sum.add(sum.rearrange(ROT2));
            }
            if (FL >= 8) {
                sum = sum.add(sum.rearrange(ROT3));
            }
            if (FL >= 16) {
                sum = sum.add(sum.rearrange(ROT4));
            }
            float a = sum.lane(0);
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
            sum = sum.add(sum.rearrange(ROT1));
            if (FL >= 4) {
                sum = sum.add(sum.rearrange(ROT2));
            }
            if (FL >= 8) {
                sum = sum.add(sum.rearrange(ROT3));
            }
            if (FL >= 16) {
                sum = sum.add(sum.rearrange(ROT4));
            }
            float a = sum.lane(0);
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
        sa = sa.add(sa.rearrange(ROT1));
        if (FL >= 4) {
            sa = sa.add(sa.rearrange(ROT2));
        }
        if (FL >= 8) {
            sa = sa.add(sa.rearrange(ROT3));
        }
        if (FL >= 16) {
            sa = sa.add(sa.rearrange(ROT4));
        }
        float a = sa.lane(0);
        sb = sb.add(sb.rearrange(ROT1));
        if (FL >= 4) {
            sb = sb.add(sb.rearrange(ROT2));
        }
        if (FL >= 8) {
            sb = sb.add(sb.rearrange(ROT3));
        }
        if (FL >= 16) {
            sb = sb.add(sb.rearrange(ROT4));
        }
        float b = sb.lane(0);
        sc = sc.add(sc.rearrange(ROT1));
        if (FL >= 4) {
            sc = sc.add(sc.rearrange(ROT2));
        }
        if (FL >= 8) {
            sc = sc.add(sc.rearrange(ROT3));
        }
        if (FL >= 16) {
            sc = sc.add(sc.rearrange(ROT4));
        }
        float c = sc.lane(0);
        sd = sd.add(sd.rearrange(ROT1));
        if (FL >= 4) {
            sd = sd.add(sd.rearrange(ROT2));
        }
        if (FL >= 8) {
            sd = sd.add(sd.rearrange(ROT3));
        }
        if (FL >= 16) {
            sd = sd.add(sd.rearrange(ROT4));
        }
        float d = sd.lane(0);
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
