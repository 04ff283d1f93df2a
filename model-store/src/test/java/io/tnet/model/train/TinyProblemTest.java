package io.tnet.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Shape;
import io.tnet.model.data.Dataset;
import io.tnet.model.format.ModelWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training end to end on a tiny problem reaches a known accuracy in seconds, deterministically. */
class TinyProblemTest {

    static final Dataset TRAIN = SyntheticData.make(1200, 32, 4, 0.6, 1);
    static final Dataset TEST = SyntheticData.make(400, 32, 4, 0.6, 2);

    static Network train(String arch, long seed, int threads, TrainConfig.Optimizer optimizer) {
        Network net = Network.create(Shape.of(32), arch, seed);
        TrainConfig cfg = TrainConfig.defaults(8, seed).withThreads(threads).withBatchSize(32);
        if (optimizer == TrainConfig.Optimizer.SGD) {
            cfg = cfg.withOptimizer(optimizer, 0.9f).withLearningRates(0.05f, 0.05f, 0.01f);
        }
        try (Trainer t = new Trainer(net, cfg)) {
            t.fit(TRAIN.features(), TRAIN.labels(), TRAIN.size(), null, null, 0, line -> { });
        }
        return net;
    }

    static double accuracy(Network net) {
        try (Trainer t = new Trainer(net, TrainConfig.defaults(0, 1))) {
            return t.accuracy(TEST.features(), TEST.labels(), TEST.size());
        }
    }

    @Test
    void thresholdMlpLearnsTheTinyProblemWithAdam() {
        Network net = train("tdense(16),tdense(4)", 1, 2, TrainConfig.Optimizer.ADAM);
        // Chance is 25%; the untrained network is far from the target (checked below).
        assertThat(accuracy(net)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void thresholdMlpLearnsTheTinyProblemWithSgdMomentum() {
        Network net = train("tdense(16),tdense(4)", 1, 2, TrainConfig.Optimizer.SGD);
        assertThat(accuracy(net)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void untrainedNetworkIsNotAlreadyGood() {
        Network net = Network.create(Shape.of(32), "tdense(16),tdense(4)", 1);
        try (Trainer t = new Trainer(net, TrainConfig.defaults(0, 1))) {
            t.calibrate(TRAIN.features(), TRAIN.size());
            assertThat(t.accuracy(TEST.features(), TEST.labels(), TEST.size())).isLessThan(0.8);
        }
    }

    @Test
    void sameSeedGivesIdenticalModelsWhateverTheThreadCount() {
        for (String arch : List.of("tdense(16),tdense(4)", "dense(16,relu),tdense(4)")) {
            byte[] a = ModelWriter.toBytes(export(train(arch, 5, 1, TrainConfig.Optimizer.ADAM)));
            byte[] b = ModelWriter.toBytes(export(train(arch, 5, 2, TrainConfig.Optimizer.ADAM)));
            byte[] c = ModelWriter.toBytes(export(train(arch, 6, 2, TrainConfig.Optimizer.ADAM)));
            assertThat(a).as(arch).isEqualTo(b);
            assertThat(a).as(arch).isNotEqualTo(c);
        }
    }

    static io.tnet.model.Model export(Network net) {
        return net.toModel("tiny", "input", io.tnet.model.Preprocessing.IDENTITY, List.of(), java.util.Map.of());
    }
}
