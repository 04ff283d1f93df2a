package io.tnet.fpga.gen;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden vectors for one model on one configuration: the packed region images, seeded random int8 input
 * samples, the reference evaluator's outputs and the expected cycle count, as files a bench or driver test
 * can replay ({@code run.txt}, {@code *.bin}, {@code golden.json}).
 */
public final class GoldenVectors {

    private GoldenVectors() {
    }

    /** The files, paths relative to the golden directory. */
    public static List<GeneratedFile> render(Model model, AcceleratorConfig config, int samples, long seed) {
        PackedModel p = ModelPacker.pack(model, config);
        int batch = Math.min(samples, p.maxBatch());
        byte[] q = new byte[batch * p.inputs()];
        new Random(seed).nextBytes(q);
        byte[] expected = new byte[batch * p.outputs()];
        List<Object> vectors = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            byte[] x = Arrays.copyOfRange(q, b * p.inputs(), (b + 1) * p.inputs());
            byte[] y = ReferenceEvaluator.evaluateInt8(model, x);
            System.arraycopy(y, 0, expected, b * p.outputs(), y.length);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("input", toInts(x));
            v.put("output", toInts(y));
            vectors.add(v);
        }
        byte[] outImage = new byte[batch * p.outputStride()];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(expected, b * p.outputs(), outImage, b * p.outputStride(), p.outputs());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.name());
        json.put("numLayers", p.numLayers());
        json.put("batch", batch);
        json.put("inputStride", p.inputStride());
        json.put("outputStride", p.outputStride());
        json.put("expectedCycles", p.cycles(batch));
        json.put("expectedOps", p.opsPerSample() * batch);
        json.put("seed", seed);
        json.put("vectors", vectors);
        String text = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json);
        return List.of(
                new GeneratedFile("golden.json", text + "\n"),
                new GeneratedFile("run.txt", p.numLayers() + " " + batch + " " + batch * p.outputStride() + "\n"),
                binary("desc.bin", p.image(MemoryMap.DESC)),
                binary("thr.bin", p.image(MemoryMap.THR)),
                binary("sgn.bin", p.image(MemoryMap.SGN)),
                binary("bias.bin", p.image(MemoryMap.BIAS)),
                binary("in.bin", p.packInputs(q, batch)),
                binary("expected_out.bin", outImage));
    }

    private static GeneratedFile binary(String name, byte[] data) {
        return GeneratedFile.binary(name, data);
    }

    private static int[] toInts(byte[] b) {
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i];
        }
        return v;
    }
}
