package io.tnet.service.backend.cpu;

import io.tnet.kernel.CompiledNetwork;
import io.tnet.kernel.CpuKernel;
import io.tnet.kernel.KernelOptions;
import io.tnet.model.Model;
import io.tnet.service.backend.Availability;
import io.tnet.service.backend.BatchResult;
import io.tnet.service.backend.Compatibility;
import io.tnet.service.backend.ComputeStats;
import io.tnet.service.backend.InferenceBackend;
import io.tnet.service.backend.PreparedModel;
import io.tnet.service.energy.CpuEnergyMeter;
import io.tnet.service.energy.EnergyEstimate;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code cpu} backend: the project's Vector API kernel ({@link CpuKernel}), always available, every
 * layer kind in float and int8 mode (int8 bit-exact with the reference evaluator).
 *
 * <p>Energy: each batch's CPU time is the calling thread's CPU time plus that of the kernel's helper
 * threads during the batch (measured with {@link ThreadMXBean}); {@link CpuEnergyMeter} turns it into
 * joules. Two batches overlapping on the shared helpers would both count the helpers' time; with one
 * batching worker per model version that is rare, and it errs towards more energy, never less.
 */
@Component
public class CpuBackend implements InferenceBackend {

    /** Backend name in configuration and metrics. */
    public static final String NAME = "cpu";

    private static final Logger LOG = LoggerFactory.getLogger(CpuBackend.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final CpuEnergyMeter energy;
    private final CpuKernel kernel;
    private final long[] helperIds;
    private final java.time.Duration warmup;

    public CpuBackend(CpuEnergyMeter energy, CpuBackendProperties properties) {
        this.energy = energy;
        this.warmup = properties.warmup();
        this.kernel = CpuKernel.create(KernelOptions.defaults().withThreads(properties.effectiveThreads()));
        this.helperIds = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tnet-kernel-")).mapToLong(Thread::threadId).toArray();
        LOG.info("cpu backend: {} threads per call, {}", properties.effectiveThreads(), kernel.simdDescription());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        return Availability.up();
    }

    @Override
    public Compatibility compatibility(Model model) {
        return Compatibility.yes();
    }

    @Override
    public PreparedModel prepare(Model model) {
        CompiledNetwork network = kernel.compile(model);
        if (!warmup.isZero()) {
            network.warmUp(warmup);
        }
        return new Prepared(network);
    }

    /** Instruction width of the kernel, e.g. {@code vector-512}. */
    public String simdDescription() {
        return kernel.simdDescription();
    }

    @PreDestroy
    void close() {
        kernel.close();
    }

    private long cpuNanos() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            return -1;
        }
        long t = THREADS.getCurrentThreadCpuTime();
        for (long id : helperIds) {
            long h = THREADS.getThreadCpuTime(id);
            if (h > 0) {
                t += h;
            }
        }
        return t;
    }

    private final class Prepared implements PreparedModel {
        private final CompiledNetwork network;
        private final int out;

        Prepared(CompiledNetwork network) {
            this.network = network;
            this.out = network.model().output().shape().size();
        }

        @Override
        public Model model() {
            return network.model();
        }

        @Override
        public String backend() {
            return NAME;
        }

        @Override
        public BatchResult run(float[] raw, int batch) {
            float[] logits = new float[batch * out];
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            network.infer(raw, batch, logits);
            long wall = System.nanoTime() - t0;
            long cpu = cpu0 < 0 ? wall : Math.max(0, cpuNanos() - cpu0);
            EnergyEstimate e = energy.attribute(cpu);
            return new BatchResult(logits, ComputeStats.of(wall, e.joules(), e.source()));
        }

        @Override
        public long residentBytes() {
            return network.residentBytes();
        }

        @Override
        public void close() {
            // compiled parameters are plain heap arrays; the shared kernel is closed with the backend
        }
    }
}
