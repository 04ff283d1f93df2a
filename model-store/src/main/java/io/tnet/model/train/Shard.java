package io.tnet.model.train;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-worker state: a {@link Kernels} instance and scratch buffers keyed by owner, grown on demand
 * and reused across batches. Confined to one thread at a time.
 */
final class Shard {

    final Kernels kernels = new Kernels();
    private final Map<Object, float[]> buffers = new HashMap<>();

    float[] buffer(Object key, int size) {
        float[] b = buffers.get(key);
        if (b == null || b.length < size) {
            b = new float[size];
            buffers.put(key, b);
        }
        return b;
    }
}
