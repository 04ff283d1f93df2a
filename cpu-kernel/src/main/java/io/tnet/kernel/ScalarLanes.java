package io.tnet.kernel;

/**
 * The scalar fallback: plain loops over the same packed layout, used where the Vector API is missing
 * and as the {@link Simd#SCALAR} option. Its int8 results equal every vector width's.
 */
final class ScalarLanes extends Lanes {

    static final ScalarLanes INSTANCE = new ScalarLanes();

    private ScalarLanes() {
    }

    @Override
    String describe() {
        return "scalar";
    }

    @Override
    void thresholdInt8(byte[] xu, int xo, int rows, byte[] tu, int wo, long[] signs, int so, int n, int[] acc) {
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            int sum = 0;
            for (int i = 0; i < n; i++) {
                int d = Math.max((xu[base + i] & 0xFF) - (tu[wo + i] & 0xFF), 0);
                sum += excitatory(signs, so, i) ? d : -d;
            }
            acc[r] = sum;
        }
    }

    @Override
    void thresholdInt8Pair(byte[] xu, int xo, byte[] tu, int wo, long[] signs, int so, int n, int[] acc) {
        int s1 = so + ((n + 63) >>> 6);
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            int x = xu[xo + i] & 0xFF;
            int da = Math.max(x - (tu[wo + i] & 0xFF), 0);
            int db = Math.max(x - (tu[wo + n + i] & 0xFF), 0);
            a += excitatory(signs, so, i) ? da : -da;
            b += excitatory(signs, s1, i) ? db : -db;
        }
        acc[0] = a;
        acc[1] = b;
    }

    @Override
    void denseInt8(byte[] x, int xo, int rows, byte[] w, int wo, int n, int[] acc) {
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w[wo + i] * x[base + i];
            }
            acc[r] = sum;
        }
    }

    @Override
    void thresholdF32(float[] x, int xo, int rows, float[] t, float[] s, int wo, int n, float[] acc) {
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            float sum = 0f;
            for (int i = 0; i < n; i++) {
                sum = Math.fma(Math.max(x[base + i] - t[wo + i], 0f), s[wo + i], sum);
            }
            acc[r] = sum;
        }
    }

    @Override
    void denseF32(float[] x, int xo, int rows, float[] w, int wo, int n, float[] acc) {
        for (int r = 0; r < rows; r++) {
            int base = xo + r * n;
            float sum = 0f;
            for (int i = 0; i < n; i++) {
                sum = Math.fma(w[wo + i], x[base + i], sum);
            }
            acc[r] = sum;
        }
    }
}
