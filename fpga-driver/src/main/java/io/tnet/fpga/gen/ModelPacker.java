package io.tnet.fpga.gen;

import io.tnet.model.Conv2d;
import io.tnet.model.Dense;
import io.tnet.model.Flatten;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays out an INT8 {@link Model} for an accelerator configuration, or says why it cannot run there.
 *
 * <p>Packing order (the hardware reads one THR/SGN word per cycle): for each layer, for each neuron
 * group {@code g} ({@code PE} neurons {@code j = g*PE + p}), for each input chunk {@code c}
 * ({@code SIMD} inputs {@code i = c*SIMD + s}), one word whose lane {@code p*SIMD + s} holds
 * {@code theta[j][i]} (THR: byte {@code p*SIMD + s}) and the sign code of {@code s[j][i]} (SGN: bits
 * {@code 2*(p*SIMD + s)}; 00 = 0, 01 = +1, 11 = -1). Lanes past the layer's inputs or outputs hold
 * threshold 0 and sign 0, so they add nothing. BIAS holds one word of {@code PE} little-endian int32
 * per group. Flatten layers cost nothing and are skipped.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelPacker {

    private ModelPacker() {
    }

    /** Every reason {@code model} cannot run on {@code config}; empty when it can. */
    public static List<String> refusals(Model model, AcceleratorConfig config) {
        List<String> r = new ArrayList<>();
        if (model.precision() != Precision.INT8) {
            r.add("model is " + model.precision() + "; the accelerator runs INT8 models only");
            return r;
        }
        List<ThresholdDense> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            switch (l) {
                case ThresholdDense d -> layers.add(d);
                case Flatten ignored -> { }
                case Dense d -> r.add("layer " + d.name() + ": Dense (MI) layers are not supported by this accelerator");
                case ThresholdConv2d c -> r.add("layer " + c.name() + ": ThresholdConv2d is not supported (ThresholdDense only)");
                case Conv2d c -> r.add("layer " + c.name() + ": Conv2d is not supported (ThresholdDense only)");
            }
        }
        if (!r.isEmpty()) {
            return r;
        }
        if (layers.size() > config.maxLayers()) {
            r.add(layers.size() + " layers exceed MAX_LAYERS " + config.maxLayers());
        }
        long accLimit = (1L << (config.accWidth() - 1)) - 1;
        long paramWords = 0, biasWords = 0;
        for (ThresholdDense d : layers) {
            if (d.inputs() > config.maxInputs()) {
                r.add("layer " + d.name() + ": " + d.inputs() + " inputs exceed MAX_INPUTS " + config.maxInputs());
            }
            if (d.outputs() > config.maxOutputs()) {
                r.add("layer " + d.name() + ": " + d.outputs() + " outputs exceed MAX_OUTPUTS " + config.maxOutputs());
            }
            long worst = maxAbs((I32Tensor) d.bias()) + 255L * d.inputs();
            if (worst > accLimit) {
                r.add("layer " + d.name() + ": worst-case accumulator " + worst + " exceeds the " + config.accWidth()
                        + "-bit accumulator (max " + accLimit + ")");
            }
            paramWords += (long) groups(d, config) * chunks(d.inputs(), config);
            biasWords += groups(d, config);
        }
        if (paramWords > config.paramWords()) {
            r.add("parameters need " + paramWords + " THR/SGN words, the accelerator has " + config.paramWords());
        }
        if (biasWords > config.biasWords()) {
            r.add("biases need " + biasWords + " BIAS words, the accelerator has " + config.biasWords());
        }
        if (!layers.isEmpty()) {
            if (chunks(layers.getFirst().inputs(), config) > config.inWords()) {
                r.add("one input sample does not fit the IN buffer");
            }
            if (chunks(layers.getLast().outputs(), config) > config.outWords()) {
                r.add("one output sample does not fit the OUT buffer");
            }
        } else {
            r.add("model has no ThresholdDense layer");
        }
        return r;
    }

    /**
     * Packs the model.
     *
     * @throws ModelRefusedException with every reason if it cannot run on {@code config}
     */
    public static PackedModel pack(Model model, AcceleratorConfig config) {
        List<String> refused = refusals(model, config);
        if (!refused.isEmpty()) {
            throw new ModelRefusedException(refused);
        }
        int pe = config.pe(), simd = config.simd();
        ByteArrayOutputStream desc = new ByteArrayOutputStream();
        ByteArrayOutputStream thr = new ByteArrayOutputStream();
        ByteArrayOutputStream sgn = new ByteArrayOutputStream();
        ByteArrayOutputStream bias = new ByteArrayOutputStream();
        List<Descriptor> descriptors = new ArrayList<>();
        long ops = 0;
        for (Layer l : model.layers()) {
            if (!(l instanceof ThresholdDense d)) {
                continue;
            }
            I8Tensor theta = (I8Tensor) d.thresholds();
            I8Tensor sign = (I8Tensor) d.signs();
            I32Tensor b = (I32Tensor) d.bias();
            Descriptor dd = new Descriptor(Descriptor.KIND_THRESHOLD_DENSE, false, d.inputs(), d.outputs(),
                    d.scaleExp(), thr.size(), sgn.size(), bias.size());
            descriptors.add(dd);
            desc.writeBytes(dd.toBytes());
            int groups = groups(d, config), chunks = chunks(d.inputs(), config);
            for (int g = 0; g < groups; g++) {
                ByteBuffer bw = ByteBuffer.allocate(config.biasWordBytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (int p = 0; p < pe; p++) {
                    int j = g * pe + p;
                    bw.putInt(j < d.outputs() ? b.get(j) : 0);
                }
                bias.writeBytes(bw.array());
                for (int c = 0; c < chunks; c++) {
                    byte[] tw = new byte[config.thrWordBytes()];
                    byte[] sw = new byte[config.sgnWordBytes()];
                    for (int p = 0; p < pe; p++) {
                        int j = g * pe + p;
                        for (int s = 0; s < simd; s++) {
                            int i = c * simd + s;
                            if (j >= d.outputs() || i >= d.inputs()) {
                                continue;
                            }
                            int lane = p * simd + s;
                            int w = j * d.inputs() + i;
                            tw[lane] = theta.get(w);
                            sw[lane / 4] |= (byte) (signCode(sign.get(w)) << (2 * (lane % 4)));
                        }
                    }
                    thr.writeBytes(tw);
                    sgn.writeBytes(sw);
                }
            }
            ops += (long) d.inputs() * d.outputs();
        }
        ThresholdDense first = firstDense(model), last = lastDense(model);
        int inStride = chunks(first.inputs(), config) * simd;
        int outStride = chunks(last.outputs(), config) * simd;
        int maxBatch = Math.min(config.inWords() * simd / inStride, config.outWords() * simd / outStride);
        return new PackedModel(config, descriptors, first.inputs(), inStride, last.outputs(), outStride, maxBatch, ops,
                Map.of(MemoryMap.DESC, desc.toByteArray(), MemoryMap.THR, thr.toByteArray(),
                        MemoryMap.SGN, sgn.toByteArray(), MemoryMap.BIAS, bias.toByteArray()));
    }

    /** The 2-bit sign code: 00 = 0, 01 = +1, 11 = -1. */
    static int signCode(byte s) {
        return s & 0b11;
    }

    static int groups(ThresholdDense d, AcceleratorConfig c) {
        return AcceleratorConfig.ceilDiv(d.outputs(), c.pe());
    }

    static int chunks(int n, AcceleratorConfig c) {
        return AcceleratorConfig.ceilDiv(n, c.simd());
    }

    private static ThresholdDense firstDense(Model m) {
        return (ThresholdDense) m.layers().stream().filter(l -> l instanceof ThresholdDense).findFirst().orElseThrow();
    }

    private static ThresholdDense lastDense(Model m) {
        return (ThresholdDense) m.layers().reversed().stream().filter(l -> l instanceof ThresholdDense).findFirst()
                .orElseThrow();
    }

    private static long maxAbs(I32Tensor t) {
        long m = 0;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, Math.abs((long) t.get(i)));
        }
        return m;
    }
}
