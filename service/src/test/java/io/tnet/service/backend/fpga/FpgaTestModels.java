package io.tnet.service.backend.fpga;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.support.InMemoryModelSource;
import io.tnet.service.support.ServiceTestModels;
import java.util.Arrays;
import java.util.Random;

/** The repository of the fpga backend's service tests and helpers to check answers against the reference. */
final class FpgaTestModels {

    /** Batching off: every request is one run, so cycle counts per request are predictable. */
    static final ModelSettings.Batching UNBATCHED = new ModelSettings.Batching(false, 8, 0, 64, 20_000);

    static final Model TN = ServiceTestModels.randomMlpInt8("tn", 40, 24, 6, 7);
    static final Model WIDE = ServiceTestModels.randomMlpInt8("wide", 784, 64, 10, 8);
    static final Model FLOAT = ServiceTestModels.randomMlp("flt", 16, 12, 5, 9);

    private FpgaTestModels() {
    }

    static InMemoryModelSource source(String policy) {
        return new InMemoryModelSource()
                .put("tn", 1, TN)
                .settings("tn", new ModelSettings(policy, new ModelSettings.VersionPolicy.Latest(1), UNBATCHED, true))
                .put("wide", 1, WIDE)
                .settings("wide", new ModelSettings(policy, new ModelSettings.VersionPolicy.Latest(1), UNBATCHED, true))
                .put("flt", 1, FLOAT)
                .settings("flt", new ModelSettings("auto", new ModelSettings.VersionPolicy.Latest(1), UNBATCHED, true));
    }

    /** A raw sample in [0, 255] (the models' preprocessing divides by 255). */
    static float[] sample(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(256);
        }
        return x;
    }

    static float[] reference(Model m, float[] raw) {
        return ReferenceEvaluator.infer(m, raw);
    }

    static float[] floats(tools.jackson.databind.JsonNode data) {
        float[] f = new float[data.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = data.get(i).floatValue();
        }
        return f;
    }

    static String describe(float[] f) {
        return Arrays.toString(f);
    }
}
