package io.tnet.service.backend;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A configurable backend for dispatch tests: availability, compatibility and failure on demand. */
final class FakeBackend implements InferenceBackend {

    final String name;
    volatile Availability availability = Availability.up();
    volatile Compatibility compatibility = Compatibility.yes();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    FakeBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Compatibility compatibility(Model model) {
        return compatibility;
    }

    @Override
    public PreparedModel prepare(Model model) {
        return new PreparedModel() {
            @Override
            public Model model() {
                return model;
            }

            @Override
            public String backend() {
                return name;
            }

            @Override
            public BatchResult run(float[] raw, int batch) {
                runs.incrementAndGet();
                if (failing.get()) {
                    throw new BackendException(name + ": device fault");
                }
                int in = model.input().shape().size();
                int out = model.output().shape().size();
                float[] logits = new float[batch * out];
                for (int b = 0; b < batch; b++) {
                    float[] x = java.util.Arrays.copyOfRange(raw, b * in, (b + 1) * in);
                    System.arraycopy(ReferenceEvaluator.infer(model, x), 0, logits, b * out, out);
                }
                return new BatchResult(logits, new ComputeStats(500, 2e-6,
                        name.equals("cpu") ? EnergySource.MODEL : EnergySource.SIM, 1234));
            }

            @Override
            public long residentBytes() {
                return 0;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
