package io.tnet.fpga.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelPackerTest {

    @ParameterizedTest
    @CsvSource({"1,4,8", "2,4,8", "3,16,32", "4,8,8", "5,1,8"})
    void packedImagesComputeTheReferenceOutputs(long seed, int pe, int simd) {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT.withParallelism(pe, simd);
        Model m = RandomModels.mlp(seed, 37, 19, 40, 5);
        PackedModel p = ModelPacker.pack(m, c);
        int batch = 3;
        byte[] q = RandomModels.inputs(seed, batch, 37);
        byte[] out = ImageInterpreter.run(c, p.image(MemoryMap.DESC), p.image(MemoryMap.THR), p.image(MemoryMap.SGN),
                p.image(MemoryMap.BIAS), p.numLayers(), p.packInputs(q, batch), batch);
        byte[] y = p.unpackOutputs(out, batch);
        for (int b = 0; b < batch; b++) {
            byte[] sample = java.util.Arrays.copyOfRange(q, b * 37, (b + 1) * 37);
            byte[] expected = ReferenceEvaluator.evaluateInt8(m, sample);
            assertThat(java.util.Arrays.copyOfRange(y, b * 5, (b + 1) * 5)).as("sample %d", b).isEqualTo(expected);
        }
    }

    @Test
    void layoutMatchesTheDocumentedSizes() {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT;
        PackedModel p = ModelPacker.pack(RandomModels.mlp(9, 784, 256, 10), c);
        assertThat(p.numLayers()).isEqualTo(2);
        assertThat(p.image(MemoryMap.THR)).hasSize((16 * 25 + 1 * 8) * 512);
        assertThat(p.image(MemoryMap.SGN)).hasSize((16 * 25 + 1 * 8) * 128);
        assertThat(p.image(MemoryMap.BIAS)).hasSize(17 * 64);
        assertThat(p.image(MemoryMap.DESC)).hasSize(64);
        assertThat(p.inputStride()).isEqualTo(800);
        assertThat(p.outputStride()).isEqualTo(32);
        assertThat(p.maxBatch()).isEqualTo(40);
        assertThat(p.opsPerSample()).isEqualTo(784L * 256 + 256L * 10);
        assertThat(p.descriptors().get(1).thrOffset()).isEqualTo(400 * 512);
    }

    @Test
    void refusesWhatItCannotRunWithEveryReason() {
        AcceleratorConfig small = new AcceleratorConfig(4, 8, 8, 16, 32, 32, 1, 8, 8, 8, 8, 200);
        Model m = RandomModels.mlp(3, 40, 20, 5);
        assertThat(ModelPacker.refusals(m, small)).anyMatch(r -> r.contains("exceed MAX_LAYERS"))
                .anyMatch(r -> r.contains("40 inputs exceed MAX_INPUTS 32"))
                .anyMatch(r -> r.contains("THR/SGN words"));
        Model wide = RandomModels.mlp(4, 300, 4);
        assertThat(ModelPacker.refusals(wide, small.withDepths(4096, 8, 128, 8)))
                .anyMatch(r -> r.contains("16-bit accumulator"));
        assertThatThrownBy(() -> ModelPacker.pack(m, small)).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("MAX_LAYERS");
        assertThat(ModelPacker.refusals(RandomModels.mlp(5, 30, 20, 5), AcceleratorConfig.DEFAULT)).isEmpty();
    }

    @Test
    void configurationsTheRtlCannotElaborateAreRefused() {
        // SIMD=4 leaves a zero-width host-lane slice in the activation RAMs (found by the sim transport kit).
        assertThatThrownBy(() -> new AcceleratorConfig(4, 4, 8, 16, 32, 32, 1, 8, 8, 8, 8, 200))
                .hasMessageContaining("simd must be a power of two in [8, 128]");
        assertThatThrownBy(() -> new AcceleratorConfig(16, 8, 8, 16, 32, 32, 1, 8, 8, 8, 8, 200))
                .hasMessageContaining("must not exceed simd");
    }
}
