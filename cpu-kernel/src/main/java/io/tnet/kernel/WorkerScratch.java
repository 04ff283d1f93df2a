package io.tnet.kernel;

/**
 * Per-thread buffers of the compute loops (gathered input rows, accumulators). Grown on first need,
 * then reused: the steady state allocates nothing. Confined to its thread.
 */
final class WorkerScratch {

    private static final ThreadLocal<WorkerScratch> CURRENT = ThreadLocal.withInitial(WorkerScratch::new);

    final int[] acc = new int[Lanes.MAX_ROWS];
    final float[] facc = new float[Lanes.MAX_ROWS];
    private byte[] bytes = new byte[0];
    private float[] floats = new float[0];

    static WorkerScratch current() {
        return CURRENT.get();
    }

    byte[] bytes(int size) {
        if (bytes.length < size) {
            bytes = new byte[size];
        }
        return bytes;
    }

    float[] floats(int size) {
        if (floats.length < size) {
            floats = new float[size];
        }
        return floats;
    }
}
