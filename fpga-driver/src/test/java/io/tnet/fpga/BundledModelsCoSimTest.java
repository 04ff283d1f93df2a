package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.reference.ReferenceEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled INT8 threshold MLPs ({@code models/*-tn-mlp/2}, the trainer's real models) run
 * Java -> JNA -> C driver -> {@code mock:} and {@code sim:} (the Verilated RTL) on the reference
 * configuration PE=16/SIMD=32, bit-exact with the reference evaluator on the documented example
 * request (whose predicted class is known) and on random inputs. The models the accelerator cannot
 * run (CNN, MAC/Dense) are refused with the reason.
 */
class BundledModelsCoSimTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final List<String> MLPS = List.of("mnist-tn-mlp", "fashion-tn-mlp", "digits-tn-mlp");

    static Stream<Arguments> cases() {
        return Stream.of("mock", "sim").flatMap(t -> MLPS.stream().map(m -> Arguments.of(t, m)));
    }

    static String uri(String transport) {
        return transport.equals("sim") ? SimTransportTest.simUri(AcceleratorConfig.DEFAULT, "")
                : Transports.mock(AcceleratorConfig.DEFAULT);
    }

    static Model bundled(String name, int version) {
        return ModelReader.read(ROOT.resolve("models").resolve(name).resolve(Integer.toString(version))
                .resolve("model.safetensors"));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void bundledMlpIsBitExactWithTheReference(String transport, String name) throws Exception {
        Model model = bundled(name, 2);
        int n = model.input().shape().size(), k = model.output().shape().size();
        JsonNode request = JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve("docs/examples/" + name + ".json")));
        JsonNode expected = JsonMapper.builder().build().readTree(
                Files.readString(ROOT.resolve("docs/examples/" + name + ".expected.json")));
        JsonNode data = request.get("inputs").get(0).get("data");
        int batch = 9;
        float[] raw = new float[batch * n];
        for (int i = 0; i < n; i++) {
            raw[i] = data.get(i).floatValue();
        }
        Random r = new Random(name.hashCode());
        for (int i = n; i < raw.length; i++) {
            raw[i] = r.nextFloat();
        }
        try (FpgaDevice d = FpgaDevice.open(uri(transport))) {
            FpgaModel fm = FpgaModel.load(d, model);
            FpgaModel.Result res = fm.infer(raw, batch, Duration.ofSeconds(60));
            for (int b = 0; b < batch; b++) {
                float[] want = ReferenceEvaluator.infer(model, Arrays.copyOfRange(raw, b * n, (b + 1) * n));
                assertThat(Arrays.copyOfRange(res.logits(), b * k, (b + 1) * k)).as("sample %d", b).isEqualTo(want);
            }
            assertThat(argmax(Arrays.copyOfRange(res.logits(), 0, k)))
                    .isEqualTo(expected.get("predictedByVersion").get("2").asInt());
            assertThat(res.stats().cycles()).isEqualTo(fm.packed().cycles(batch));
        }
    }

    @ParameterizedTest
    @MethodSource("refusedModels")
    void modelsTheAcceleratorCannotRunAreRefusedWithTheReason(String name, int version, String reason) {
        try (FpgaDevice d = FpgaDevice.open(Transports.mock(AcceleratorConfig.DEFAULT))) {
            assertThat(String.join("; ", FpgaModel.refusals(bundled(name, version), d.info()))).contains(reason);
        }
    }

    static Stream<Arguments> refusedModels() {
        return Stream.of(Arguments.of("fashion-tn-cnn", 2, "ThresholdConv2d is not supported"),
                Arguments.of("mnist-mac-mlp", 2, "Dense (MI) layers are not supported"),
                Arguments.of("mnist-tn-mlp", 1, "INT8 models only"));
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
