package io.tnet.model.cli;

import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.reference.ReferenceEvaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tnet eval}: runs the reference evaluator (the specification, not the fast kernel) on the samples
 * of an input file and prints each sample's logits and predicted class.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Runs the reference evaluator on input samples and prints logits and the predicted class.",
            "INPUT: .npy (C order; f4, f8, u1, i1, i2, u2, i4, i8), a JSON array of numbers (nesting allowed), "
                + "or an OIP v2 JSON request (inputs[0].data). Values are raw client values in row-major (CHW) order; "
                + "a file may hold several samples back to back."})
public final class EvalCommand implements Callable<Integer>, TnetSubcommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.safetensors).")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "INPUT", description = "Input samples (.npy or .json).")
    Path inputFile;

    @Option(names = "--json", description = "Print a JSON array of {predicted, label, logits} instead of text.")
    boolean json;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Model model = ModelReader.read(modelFile, limits.limits());
        float[][] samples = InputFiles.read(inputFile, model.input().shape().size());
        PrintWriter out = spec.commandLine().getOut();
        JsonMapper mapper = JsonMapper.builder().build();
        ArrayNode results = mapper.createArrayNode();
        for (int i = 0; i < samples.length; i++) {
            float[] logits = ReferenceEvaluator.infer(model, samples[i]);
            int best = argmax(logits);
            String label = best < model.labels().size() ? model.labels().get(best) : null;
            if (json) {
                ObjectNode r = results.addObject();
                r.put("predicted", best);
                r.put("label", label);
                ArrayNode l = r.putArray("logits");
                for (float v : logits) {
                    l.add(v);
                }
            } else {
                out.printf("sample %d: predicted %d%s  logits %s%n", i, best, label == null ? "" : " (" + label + ")",
                        Arrays.toString(logits));
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        out.flush();
        return 0;
    }

    /** Index of the largest logit; the first one on ties, as OIP classification extensions do. */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
