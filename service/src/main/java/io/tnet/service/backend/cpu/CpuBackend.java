package io.tnet.service.backend.cpu;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.service.backend.Availability;
import io.tnet.service.backend.BatchResult;
import io.tnet.service.backend.Compatibility;
import io.tnet.service.backend.ComputeStats;
import io.tnet.service.backend.InferenceBackend;
import io.tnet.service.backend.PreparedModel;
import io.tnet.service.energy.CpuEnergyMeter;
import io.tnet.service.energy.EnergyEstimate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.stereotype.Component;

/**
 * The {@code cpu} backend: always available, runs every model kind in float and int8 mode.
 */
@Component
public class CpuBackend implements InferenceBackend {

    /** Backend name in configuration and metrics. */
    public static final String NAME = "cpu";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final CpuEnergyMeter energy;

    public CpuBackend(CpuEnergyMeter energy) {
        this.energy = energy;
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
        return new Prepared(model);
    }

    /** CPU time of the current thread, or -1 when the JVM cannot measure it. */
    static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private final class Prepared implements PreparedModel {
        private final Model model;
        private final int in;
        private final int out;

        Prepared(Model model) {
            this.model = model;
            this.in = model.input().shape().size();
            this.out = model.output().shape().size();
        }

        @Override
        public Model model() {
            return model;
        }

        @Override
        public String backend() {
            return NAME;
        }

        @Override
        public BatchResult run(float[] raw, int batch) {
            long cpu0 = threadCpuNanos();
            long t0 = System.nanoTime();
            float[] logits = new float[batch * out];
            float[] sample = new float[in];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(raw, b * in, sample, 0, in);
                System.arraycopy(ReferenceEvaluator.infer(model, sample), 0, logits, b * out, out);
            }
            long wall = System.nanoTime() - t0;
            long cpu = cpu0 < 0 ? wall : threadCpuNanos() - cpu0;
            EnergyEstimate e = energy.attribute(cpu);
            return new BatchResult(logits, ComputeStats.of(wall, e.joules(), e.source()));
        }

        @Override
        public long residentBytes() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
