package io.tnet.model.cli;

import io.tnet.model.Conv2d;
import io.tnet.model.Dense;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.ModelStatistics;
import io.tnet.model.ModelStatistics.LayerStatistics;
import io.tnet.model.Precision;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import io.tnet.model.format.ModelReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tnet inspect}: the graph of a model file with its parameter, synapse and operation counts. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows a model's graph, I/O, parameter and synapse counts and the operations one inference "
                + "performs (subtractions, additions, comparisons; multiplications only in MI layers).",
            "Counting rules: docs/model-format.md#operation-counts."})
public final class InspectCommand implements Callable<Integer>, TnetSubcommand {

    @Parameters(paramLabel = "MODEL", description = "A model file (.safetensors).")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model model = ModelReader.read(file, limits.limits());
        ModelStatistics stats = ModelStatistics.of(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(model, stats)));
        } else {
            text(model, stats, out);
        }
        out.flush();
        return 0;
    }

    static void text(Model m, ModelStatistics s, PrintWriter out) {
        out.printf("model          %s (format version %d, %s)%n", m.name(), m.formatVersion(), m.precision());
        out.printf("input          %s %s %s%n", m.input().name(), m.input().datatype().oipName(), m.input().wireShape());
        out.printf("output         %s %s %s%n", m.output().name(), m.output().datatype().oipName(), m.output().wireShape());
        if (!m.labels().isEmpty()) {
            out.printf("labels         %s%n", String.join(", ", m.labels()));
        }
        out.printf("preprocessing  x = raw * %s + %s%n", m.preprocessing().scale(), m.preprocessing().offset());
        if (m.precision() == Precision.INT8) {
            out.printf("quantization   q = sat8(floor(x * 2^%d + 0.5)), logits = q_out * 2^-%d%n",
                    m.quantization().inputFracBits(), m.quantization().outputFracBits());
        }
        new TreeMap<>(m.metadata()).forEach((k, v) -> out.printf("metadata       %s = %s%n", k, v));
        out.println();
        String row = "%-3s %-16s %-15s %-14s %-14s %10s %18s %6s %-5s%n";
        out.printf(row, "#", "layer", "kind", "input", "output", "params", "synapses (active)", "scale", "act");
        for (int i = 0; i < s.layers().size(); i++) {
            LayerStatistics l = s.layers().get(i);
            Layer layer = m.layers().get(i);
            String synapses = l.synapses() > 0 ? l.synapses() + " (" + l.activeSynapses() + ")"
                    : l.miWeights() > 0 ? l.miWeights() + " MI weights" : "-";
            out.printf(row, i, l.name(), l.kind().fileName(), l.input(), l.output(), l.parameters(), synapses,
                    scale(layer), activation(layer));
        }
        out.println();
        out.printf("parameters     %d (%d bytes)%n", s.parameters(), s.parameterBytes());
        out.printf("synapses       %d threshold synapses, %d active (non-zero sign, %s)%n", s.synapses(),
                s.activeSynapses(), percent(s.activeSynapses(), s.synapses()));
        if (s.miWeights() > 0) {
            out.printf("MI weights     %d (Multiplication Injection layers)%n", s.miWeights());
        }
        var ops = s.ops();
        out.printf("per inference  %d subtractions, %d additions, %d comparisons, %d multiplications (MI layers only)%n",
                ops.subtractions(), ops.additions(), ops.comparisons(), ops.multiplications());
        out.printf("               %d operations in total, one sample%n", ops.total());
    }

    static ObjectNode toJson(Model m, ModelStatistics s) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("name", m.name());
        root.put("formatVersion", m.formatVersion());
        root.put("precision", m.precision().name());
        root.putObject("input").put("name", m.input().name()).put("datatype", m.input().datatype().oipName())
                .set("shape", mapper.valueToTree(m.input().wireShape()));
        root.putObject("output").put("name", m.output().name()).put("datatype", m.output().datatype().oipName())
                .set("shape", mapper.valueToTree(m.output().wireShape()));
        root.set("labels", mapper.valueToTree(m.labels()));
        root.putObject("preprocessing").put("scale", m.preprocessing().scale()).put("offset", m.preprocessing().offset());
        if (m.precision() == Precision.INT8) {
            root.putObject("quantization").put("inputFracBits", m.quantization().inputFracBits())
                    .put("outputFracBits", m.quantization().outputFracBits());
        }
        root.set("metadata", mapper.valueToTree(new TreeMap<>(m.metadata())));
        ArrayNode layers = root.putArray("layers");
        for (int i = 0; i < s.layers().size(); i++) {
            LayerStatistics l = s.layers().get(i);
            ObjectNode n = layers.addObject();
            n.put("name", l.name());
            n.put("kind", l.kind().fileName());
            n.set("input", mapper.valueToTree(l.input().dims()));
            n.set("output", mapper.valueToTree(l.output().dims()));
            n.put("parameters", l.parameters());
            n.put("synapses", l.synapses());
            n.put("activeSynapses", l.activeSynapses());
            n.put("miWeights", l.miWeights());
            ops(n.putObject("ops"), l.ops());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("parameters", s.parameters());
        totals.put("parameterBytes", s.parameterBytes());
        totals.put("synapses", s.synapses());
        totals.put("activeSynapses", s.activeSynapses());
        totals.put("miWeights", s.miWeights());
        ops(totals.putObject("opsPerInference"), s.ops());
        return root;
    }

    private static void ops(ObjectNode n, ModelStatistics.Operations o) {
        n.put("subtractions", o.subtractions());
        n.put("additions", o.additions());
        n.put("comparisons", o.comparisons());
        n.put("multiplications", o.multiplications());
    }

    private static String scale(Layer layer) {
        int k = switch (layer) {
            case ThresholdDense d -> d.scaleExp();
            case ThresholdConv2d c -> c.scaleExp();
            case Dense d -> d.scaleExp();
            case Conv2d c -> c.scaleExp();
            default -> Integer.MIN_VALUE;
        };
        return k == Integer.MIN_VALUE ? "-" : "2^" + k;
    }

    private static String activation(Layer layer) {
        return switch (layer) {
            case Dense d -> d.activation().name().toLowerCase(Locale.ROOT);
            case Conv2d c -> c.activation().name().toLowerCase(Locale.ROOT);
            default -> "-";
        };
    }

    private static String percent(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
    }
}
