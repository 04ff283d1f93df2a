package io.tnet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Shape;
import io.tnet.model.reference.ReferenceEvaluator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many callers on one compiled network and one pool; and the steady state allocates nothing. */
class ConcurrencyTest {

    private static Model model(Random rnd) {
        List<Layer> layers = List.of(
                RandomModels.thresholdDense(rnd, "h", 300, 200, Precision.INT8),
                RandomModels.dense(rnd, "m", 200, 64, Precision.INT8),
                RandomModels.thresholdDense(rnd, "o", 64, 10, Precision.INT8));
        return RandomModels.model(Precision.INT8, Shape.of(300), Shape.of(10), layers, rnd);
    }

    @Test
    void concurrentCallersGetTheReferenceResult() throws Exception {
        Random rnd = new Random(42);
        Model model = model(rnd);
        int batch = 9;
        byte[] q = RandomModels.int8Inputs(rnd, batch * 300);
        byte[] expected = new byte[batch * 10];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ReferenceEvaluator.evaluateInt8(model, Arrays.copyOfRange(q, b * 300, (b + 1) * 300)), 0,
                    expected, b * 10, 10);
        }
        try (CpuKernel kernel = CpuKernel.create(new KernelOptions(3, Simd.AUTO), 4096);
             ExecutorService callers = Executors.newFixedThreadPool(4)) {
            CompiledNetwork net = kernel.compile(model);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                futures.add(callers.submit(() -> {
                    byte[] out = new byte[batch * 10];
                    for (int i = 0; i < 30; i++) {
                        Arrays.fill(out, (byte) 99);
                        net.inferInt8(q, batch, out);
                        assertThat(out).isEqualTo(expected);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    @Test
    void steadyStateCallsAllocateNothingOnTheCallingThread() {
        // Scalar lanes: interpreted Vector API code boxes vectors until C2 compiles it, which would make
        // this test depend on JIT timing; the buffers, scratch and fork-join are the same for every width.
        Random rnd = new Random(1);
        Model model = model(rnd);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        try (CpuKernel kernel = CpuKernel.create(new KernelOptions(2, Simd.SCALAR), 1)) {
            CompiledNetwork net = kernel.compile(model);
            byte[] q = RandomModels.int8Inputs(rnd, 8 * 300);
            byte[] out = new byte[8 * 10];
            float[] raw = RandomModels.floatInputs(rnd, 8 * 300);
            float[] logits = new float[8 * 10];
            for (int i = 0; i < 20; i++) {
                net.inferInt8(q, 8, out);
                net.infer(raw, 8, logits);
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 20; i++) {
                net.inferInt8(q, 1 + i % 8, out);
                net.infer(raw, 1 + i % 8, logits);
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertThat(allocated).isZero();
        }
    }
}
