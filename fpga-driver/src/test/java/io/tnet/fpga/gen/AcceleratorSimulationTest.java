package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole generated accelerator, Verilated and driven through its AXI ports by the C++ harness, against
 * the int8 reference evaluator: bit-exact outputs, the generator's exact cycle count, the operation
 * counter, and the error register for malformed descriptors.
 */
class AcceleratorSimulationTest {

    /**
     * Narrow but complete: PE=4, SIMD=8 (several groups per activation word, 3-level adder tree), deep
     * enough for the bundled 784-256-10 MLPs.
     */
    static final AcceleratorConfig SMALL = new AcceleratorConfig(4, 8, 8, 24, 1024, 1024, 8, 8192, 128, 1024, 64, 200);

    private static AcceleratorSim sim;

    @BeforeAll
    static void build() throws Exception {
        sim = AcceleratorSim.build("accel-small", SMALL);
    }

    @Test
    void randomNetworksAreBitExactWithTheReference() throws Exception {
        int[][] shapes = {{37, 19, 5}, {8, 4}, {100, 64, 33, 10}, {200, 17, 3, 12, 9}, {9, 1}, {64, 64, 64}};
        int[] batches = {3, 1, 5, 2, 7, 4};
        List<AcceleratorSim.Case> cases = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            Model m = RandomModels.mlp(100 + i, shapes[i]);
            PackedModel p = ModelPacker.pack(m, SMALL);
            byte[] q = RandomModels.inputs(200 + i, batches[i], shapes[i][0]);
            models.add(m);
            inputs.add(q);
            cases.add(AcceleratorSim.Case.of("random" + i, p, batches[i], q));
        }
        List<AcceleratorSim.Result> results = sim.run(cases);
        for (int i = 0; i < shapes.length; i++) {
            Model m = models.get(i);
            PackedModel p = ModelPacker.pack(m, SMALL);
            AcceleratorSim.Result r = results.get(i);
            int in = shapes[i][0], out = shapes[i][shapes[i].length - 1];
            assertThat(r.error()).as("ERROR of case %d", i).isZero();
            byte[] y = p.unpackOutputs(r.out(), batches[i]);
            for (int b = 0; b < batches[i]; b++) {
                byte[] expected = ReferenceEvaluator.evaluateInt8(m, Arrays.copyOfRange(inputs.get(i), b * in, (b + 1) * in));
                assertThat(Arrays.copyOfRange(y, b * out, (b + 1) * out)).as("case %d sample %d", i, b).isEqualTo(expected);
            }
            assertThat(r.cycles()).as("cycles of case %d", i).isEqualTo(p.cycles(batches[i]));
            assertThat(r.ops()).as("ops of case %d", i).isEqualTo(p.opsPerSample() * batches[i]);
            assertThat(r.irqCycles()).as("interrupt follows the run").isGreaterThanOrEqualTo(r.cycles());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist-tn-mlp", "digits-tn-mlp"})
    void bundledModelsAreBitExactWithTheReference(String name) throws Exception {
        Model m = ModelReader.read(RtlTools.MODULE.resolve("../models/" + name + "/2/model.safetensors").normalize());
        PackedModel p = ModelPacker.pack(m, SMALL);
        int batch = Math.min(4, p.maxBatch());
        byte[] q = RandomModels.inputs(name.length(), batch, p.inputs());
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (q[i] & 0x7F);   // inputs in [0, 1) with 7 fraction bits
        }
        AcceleratorSim.Result r = sim.run(List.of(AcceleratorSim.Case.of(name, p, batch, q))).getFirst();
        assertThat(r.error()).isZero();
        assertThat(r.cycles()).isEqualTo(p.cycles(batch));
        byte[] y = p.unpackOutputs(r.out(), batch);
        for (int b = 0; b < batch; b++) {
            byte[] expected = ReferenceEvaluator.evaluateInt8(m, Arrays.copyOfRange(q, b * p.inputs(), (b + 1) * p.inputs()));
            assertThat(Arrays.copyOfRange(y, b * p.outputs(), (b + 1) * p.outputs())).as("%s sample %d", name, b)
                    .isEqualTo(expected);
        }
    }

    @Test
    void malformedRunsSetTheErrorRegister() throws Exception {
        Model m = RandomModels.mlp(7, 30, 12, 6);
        PackedModel p = ModelPacker.pack(m, SMALL);
        AcceleratorSim.Case ok = AcceleratorSim.Case.of("err", p, 2, RandomModels.inputs(8, 2, 30));
        List<AcceleratorSim.Case> cases = List.of(
                ok.withDesc(AcceleratorSim.patch(ok.desc(), 1, Descriptor.W_KIND, Descriptor.KIND_DENSE)),
                ok.withDesc(AcceleratorSim.patch(ok.desc(), 1, Descriptor.W_INPUTS, 13)),
                ok.withDesc(AcceleratorSim.patch(ok.desc(), 0, Descriptor.W_OUTPUTS, 2000)),
                ok.withDesc(AcceleratorSim.patch(ok.desc(), 1, Descriptor.W_THR_OFFSET, 1 << 20)),
                ok.withDesc(AcceleratorSim.patch(ok.desc(), 0, Descriptor.W_SGN_OFFSET, 3)),
                ok.withRun(0, 2),
                ok.withRun(2, 0));
        List<AcceleratorSim.Result> r = sim.run(cases.stream().map(c -> new AcceleratorSim.Case(
                "err" + cases.indexOf(c), c.numLayers(), c.batch(), c.outBytes(), c.desc(), c.thr(), c.sgn(), c.bias(),
                c.in())).toList());
        assertThat(r.get(0).error()).isEqualTo(RegisterMap.ERR_BAD_DESCRIPTOR);
        assertThat(r.get(0).errorInfo()).isEqualTo(1);   // layer 1, sample 0
        assertThat(r.get(1).error()).isEqualTo(RegisterMap.ERR_BAD_CHAIN);
        assertThat(r.get(2).error()).isEqualTo(RegisterMap.ERR_LAYER_TOO_LARGE);
        assertThat(r.get(3).error()).isEqualTo(RegisterMap.ERR_OUT_OF_RANGE);
        assertThat(r.get(4).error()).isEqualTo(RegisterMap.ERR_BAD_DESCRIPTOR);
        assertThat(r.get(5).error()).isEqualTo(RegisterMap.ERR_BAD_BATCH);
        assertThat(r.get(6).error()).isEqualTo(RegisterMap.ERR_BAD_BATCH);
    }
}
