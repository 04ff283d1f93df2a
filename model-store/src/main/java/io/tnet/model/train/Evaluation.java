package io.tnet.model.train;

import io.tnet.model.Model;
import io.tnet.model.data.Dataset;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.stream.IntStream;

/**
 * Accuracy of a model on a labelled dataset through the reference evaluator (the specification), one
 * sample at a time from the raw values, samples spread over the common fork-join pool. Deterministic:
 * each sample's result does not depend on the others.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Predicted class per sample (arg-max of the logits, lowest index on ties). */
    public static int[] predict(Model model, Dataset data) {
        int c = model.output().shape().size();
        return IntStream.range(0, data.size()).parallel().map(i -> {
            float[] z = ReferenceEvaluator.infer(model, data.sample(i));
            return Trainer.argmax(z, 0, c);
        }).toArray();
    }

    /** Fraction of samples whose predicted class is the label. */
    public static double accuracy(Model model, Dataset data) {
        int[] p = predict(model, data);
        long ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i] == data.labels()[i] ? 1 : 0;
        }
        return (double) ok / p.length;
    }

    /** Raw dataset values mapped through the model's preprocessing (the trainer's input). */
    public static float[] preprocess(Model model, Dataset data) {
        return preprocess(model.preprocessing(), data);
    }

    public static float[] preprocess(io.tnet.model.Preprocessing p, Dataset data) {
        float[] raw = data.features();
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = p.apply(raw[i]);
        }
        return x;
    }
}
