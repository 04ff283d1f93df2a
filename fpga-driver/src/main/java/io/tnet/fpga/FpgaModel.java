package io.tnet.fpga;

import io.tnet.fpga.gen.MemoryMap;
import io.tnet.fpga.gen.ModelPacker;
import io.tnet.fpga.gen.ModelRefusedException;
import io.tnet.fpga.gen.PackedModel;
import io.tnet.model.Model;
import io.tnet.model.reference.IntegerOps;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An INT8 model packed for one {@link FpgaDevice}: inference through the accelerator, bit-exact with
 * {@link io.tnet.model.reference.ReferenceEvaluator#evaluateInt8}.
 *
 * <p>Several models may share a device: the parameter images live in card memory, and the device
 * remembers whose are resident; an inference of another model uploads its images first (under the
 * device's residency lock, so uploads and runs never interleave). Batches larger than the IN/OUT
 * buffers hold are split into several runs. Thread-safe; owns no native resource (the device does).
 */
public final class FpgaModel {

    private final FpgaDevice device;
    private final Model model;
    private final PackedModel packed;
    private final long inBase, outBase;

    private FpgaModel(FpgaDevice device, Model model, PackedModel packed) {
        this.device = device;
        this.model = model;
        this.packed = packed;
        this.inBase = device.info().region(MemoryMap.IN).base();
        this.outBase = device.info().region(MemoryMap.OUT).base();
    }

    /** Every reason {@code model} cannot run on the device; empty when it can. */
    public static List<String> refusals(Model model, DeviceInfo info) {
        return ModelPacker.refusals(model, info.config());
    }

    /**
     * Packs {@code model} for the device and uploads it.
     *
     * @throws FpgaException with status {@link FpgaException#EJAVA} and the reasons if the model is refused
     */
    public static FpgaModel load(FpgaDevice device, Model model) {
        Objects.requireNonNull(model);
        PackedModel packed;
        try {
            packed = ModelPacker.pack(model, device.info().config());
        } catch (ModelRefusedException e) {
            throw new FpgaException(FpgaException.EJAVA, e.getMessage(), e);
        }
        FpgaModel m = new FpgaModel(device, model, packed);
        device.residency.lock();
        try {
            m.upload();
        } finally {
            device.residency.unlock();
        }
        return m;
    }

    /** The model. */
    public Model model() {
        return model;
    }

    /** The packed images and geometry. */
    public PackedModel packed() {
        return packed;
    }

    /** The device it runs on. */
    public FpgaDevice device() {
        return device;
    }

    /**
     * Output codes and counters of an inference.
     *
     * @param output {@code batch * outputs} int8 codes (or logits' codes), row-major
     * @param stats  counters summed over the runs
     */
    public record Int8Result(byte[] output, RunStats stats) {
    }

    /**
     * Logits and counters of an inference.
     *
     * @param logits {@code batch * outputs} dequantized logits, row-major
     * @param stats  counters summed over the runs
     */
    public record Result(float[] logits, RunStats stats) {
    }

    /** Runs {@code batch} quantized samples ({@code batch * inputs} bytes, row-major). */
    public Int8Result inferInt8(byte[] q, int batch, Duration timeout) {
        int inputs = packed.inputs(), outputs = packed.outputs();
        if (batch < 1 || q.length != (long) batch * inputs) {
            throw new IllegalArgumentException("expected " + batch + " x " + inputs + " input bytes, got " + q.length);
        }
        byte[] y = new byte[batch * outputs];
        RunStats total = null;
        device.residency.lock();
        try {
            if (device.residentModel != this) {
                upload();
            }
            for (int start = 0; start < batch; start += packed.maxBatch()) {
                int n = Math.min(packed.maxBatch(), batch - start);
                byte[] chunk = new byte[n * inputs];
                System.arraycopy(q, start * inputs, chunk, 0, chunk.length);
                byte[] outImage = new byte[n * packed.outputStride()];
                RunStats s = device.infer(inBase, packed.packInputs(chunk, n), outBase, outImage,
                        packed.numLayers(), n, timeout);
                System.arraycopy(packed.unpackOutputs(outImage, n), 0, y, start * outputs, n * outputs);
                total = total == null ? s : total.plus(s);
            }
        } finally {
            device.residency.unlock();
        }
        return new Int8Result(y, total);
    }

    /**
     * Full inference on raw client samples: preprocessing and input quantization as
     * {@link io.tnet.model.reference.ReferenceEvaluator#infer}, the accelerator, dequantization.
     */
    public Result infer(float[] raw, int batch, Duration timeout) {
        int inputs = packed.inputs();
        if (batch < 1 || raw.length != (long) batch * inputs) {
            throw new IllegalArgumentException("expected " + batch + " x " + inputs + " inputs, got " + raw.length);
        }
        byte[] q = new byte[raw.length];
        int inFrac = model.quantization().inputFracBits();
        for (int i = 0; i < raw.length; i++) {
            q[i] = IntegerOps.quantize(model.preprocessing().apply(raw[i]), inFrac);
        }
        Int8Result r = inferInt8(q, batch, timeout);
        float[] logits = new float[r.output().length];
        int outFrac = model.quantization().outputFracBits();
        for (int i = 0; i < logits.length; i++) {
            logits[i] = IntegerOps.dequantize(r.output()[i], outFrac);
        }
        return new Result(logits, r.stats());
    }

    /** Writes this model's images; the caller holds the residency lock. */
    private void upload() {
        device.residentModel = null;
        for (String region : List.of(MemoryMap.DESC, MemoryMap.THR, MemoryMap.SGN, MemoryMap.BIAS)) {
            byte[] image = packed.image(region);
            if (image.length > 0) {
                device.writeMemory(device.info().region(region).base(), image);
            }
        }
        device.residentModel = this;
    }
}
