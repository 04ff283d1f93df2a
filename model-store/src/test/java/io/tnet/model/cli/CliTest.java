package io.tnet.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.ModelStatistics;
import io.tnet.model.TestModels;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.reference.ReferenceEvaluator;
import io.tnet.model.repository.ModelRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The inspect, validate and eval subcommands run through the real {@code tnet} command line. */
class CliTest {

    @TempDir
    Path dir;

    Path cnn;
    Model cnnModel;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeModel() throws Exception {
        cnnModel = TestModels.cnn(3, true);
        cnn = dir.resolve("cnn.safetensors");
        ModelWriter.write(cnnModel, cnn);
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TnetCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void subcommandsAreRegistered() {
        assertThat(TnetCommand.commandLine().getSubcommands()).containsKeys("inspect", "validate", "eval");
    }

    @Test
    void inspectPrintsGraphAndCounts() {
        assertThat(run("inspect", cnn.toString())).isZero();
        String text = out.toString();
        ModelStatistics s = ModelStatistics.of(cnnModel);
        assertThat(text).contains("cnn8 (format version 1, INT8)", "image FP32 [-1, 1, 8, 8]", "ThresholdConv2d",
                "Conv2d", "Flatten", "ThresholdDense", "Dense", "[4, 4, 4]", "2^-2", "relu",
                "parameters     " + s.parameters(), s.ops().multiplications() + " multiplications");
    }

    /**
     * Counts by hand for TestModels.cnn: conv1 ThresholdConv2d 1->4 3x3 on [1,8,8] stride 2 pad 1 -> [4,4,4]
     * (16 positions); conv2 Conv2d 4->2 3x3 pad 1 -> [2,4,4], RELU; fc1 ThresholdDense 32->8; out Dense 8->4.
     */
    @Test
    void inspectJsonCountsAreTheHandComputedOnes() throws Exception {
        assertThat(run("inspect", "--json", cnn.toString())).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        long active1 = j.get("layers").get(0).get("activeSynapses").longValue();
        long active4 = j.get("layers").get(3).get("activeSynapses").longValue();
        assertThat(j.get("layers").get(0).get("synapses").longValue()).isEqualTo(4 * 9);
        assertThat(j.get("layers").get(3).get("synapses").longValue()).isEqualTo(32 * 8);
        assertThat(active1).isEqualTo(nonZero(cnnModel, 0));
        JsonNode ops = j.get("totals").get("opsPerInference");
        long mults = 2L * 4 * 9 * 16 + 4 * 8;                       // conv2 taps x positions + out weights
        assertThat(ops.get("multiplications").longValue()).isEqualTo(mults);
        assertThat(ops.get("subtractions").longValue()).isEqualTo(active1 * 16 + active4);
        assertThat(ops.get("additions").longValue()).isEqualTo(active1 * 16 + active4 + mults);
        assertThat(ops.get("comparisons").longValue()).isEqualTo(active1 * 16 + active4 + 2 * 16);   // clamps + RELU
        assertThat(j.get("totals").get("parameters").longValue())
                .isEqualTo(2 * 36 + 4 + 72 + 2 + 2 * 256 + 8 + 32 + 4);   // thresholds+signs, bias, weights
        assertThat(j.get("totals").get("parameterBytes").longValue())
                .isEqualTo(2 * 36 + 4 * 4 + 72 + 2 * 4 + 2 * 256 + 8 * 4 + 32 + 4 * 4);
    }

    private static long nonZero(Model m, int layer) {
        var t = m.layers().get(layer).tensors().get(1).tensor();
        long n = 0;
        for (int i = 0; i < t.size(); i++) {
            n += t.valueAt(i) != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void validateFilesAndRepositories() throws Exception {
        Path bad = dir.resolve("bad.safetensors");
        byte[] bytes = Files.readAllBytes(cnn);
        Files.write(bad, Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(run("validate", cnn.toString())).isZero();
        assertThat(out.toString()).startsWith("OK       " + cnn);
        assertThat(run("validate", cnn.toString(), bad.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("INVALID  " + bad + ": TRUNCATED");

        Path repoDir = dir.resolve("repo");
        ModelRepository repo = new ModelRepository(repoDir);
        repo.publish("a", 1, bytes);
        repo.publish("a", 2, bytes);
        assertThat(run("validate", repoDir.toString())).isZero();
        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("OK"));
        Files.writeString(repoDir.resolve("a/config.json"), "{\"backend\": \"tpu\"}");
        assertThat(run("validate", repoDir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("INVALID", "backend");
        assertThat(run("validate", "--max-model-bytes", "100", cnn.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("MODEL_TOO_LARGE");
    }

    @Test
    void evalOnJsonNpyAndOipInputsAgreesWithTheReference() throws Exception {
        int n = cnnModel.input().shape().size();
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 7) / 3f;
            b[i] = -(i % 5) / 2f;
        }
        float[] ya = ReferenceEvaluator.infer(cnnModel, a);
        float[] yb = ReferenceEvaluator.infer(cnnModel, b);

        Path json = dir.resolve("in.json");
        Files.writeString(json, "[" + Arrays.toString(a) + ", " + Arrays.toString(b) + "]");
        assertThat(run("eval", "--json", cnn.toString(), json.toString())).as(err.toString()).isZero();
        JsonNode r = JsonMapper.builder().build().readTree(out.toString());
        assertThat(r).hasSize(2);
        assertThat(logits(r.get(0))).containsExactly(ya);
        assertThat(logits(r.get(1))).containsExactly(yb);
        assertThat(r.get(0).get("predicted").intValue()).isEqualTo(EvalCommand.argmax(ya));
        assertThat(r.get(0).get("label").stringValue()).isEqualTo(cnnModel.labels().get(EvalCommand.argmax(ya)));

        Path npy = dir.resolve("in.npy");
        Files.write(npy, npyF4(new int[] {2, 1, 8, 8}, a, b));
        assertThat(run("eval", "--json", cnn.toString(), npy.toString())).as(err.toString()).isZero();
        JsonNode r2 = JsonMapper.builder().build().readTree(out.toString());
        assertThat(logits(r2.get(1))).containsExactly(yb);

        Path oip = dir.resolve("req.json");
        Files.writeString(oip, "{\"inputs\": [{\"name\": \"image\", \"shape\": [1, 1, 8, 8], \"datatype\": \"FP32\", \"data\": "
                + Arrays.toString(a) + "}]}");
        assertThat(run("eval", cnn.toString(), oip.toString())).isZero();
        assertThat(out.toString()).startsWith("sample 0: predicted " + EvalCommand.argmax(ya));
    }

    @Test
    void errorsAreOneLineAndExitStatusOne() throws Exception {
        Path json = dir.resolve("short.json");
        Files.writeString(json, "[1, 2, 3]");
        assertThat(run("eval", cnn.toString(), json.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("multiple of 64").doesNotContain("Exception");
        assertThat(run("inspect", dir.resolve("absent").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no such file");
        Files.writeString(json, "{\"not\": \"numbers\"}");
        assertThat(run("eval", cnn.toString(), json.toString())).isEqualTo(1);
    }

    private static float[] logits(JsonNode r) {
        JsonNode l = r.get("logits");
        float[] v = new float[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) l.get(i).doubleValue();
        }
        return v;
    }

    /** A version 1.0 .npy file as numpy.save writes it. */
    static byte[] npyF4(int[] shape, float[]... rows) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.substring(0, dims.length() - 2) + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        int count = Arrays.stream(rows).mapToInt(r -> r.length).sum();
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float[] r : rows) {
            for (float v : r) {
                b.putFloat(v);
            }
        }
        return b.array();
    }
}
