package io.tnet.fpga.gen;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A model laid out for one accelerator configuration: the byte images of the parameter regions
 * (each starts at its region's offset 0), the descriptors, and the geometry of input and output
 * samples in the IN and OUT regions. Immutable; image arrays are copied out.
 *
 * @param config          the configuration it was packed for
 * @param descriptors     one per computing layer (what NUM_LAYERS counts)
 * @param inputs          int8 values per input sample
 * @param inputStride     bytes between consecutive samples in IN (inputs padded to SIMD)
 * @param outputs         int8 values per output sample
 * @param outputStride    bytes between consecutive samples in OUT (outputs padded to SIMD)
 * @param maxBatch        largest BATCH the IN and OUT regions hold
 * @param opsPerSample    synapse operations per sample (what the OPS counter adds per sample)
 * @param images          region name ({@link MemoryMap#DESC}, THR, SGN, BIAS) to bytes
 */
public record PackedModel(AcceleratorConfig config, List<Descriptor> descriptors, int inputs, int inputStride,
                          int outputs, int outputStride, int maxBatch, long opsPerSample,
                          Map<String, byte[]> images) {

    public PackedModel {
        descriptors = List.copyOf(descriptors);
        images = Map.copyOf(images);
    }

    /** A copy of one region's image. */
    public byte[] image(String region) {
        byte[] b = images.get(region);
        if (b == null) {
            throw new IllegalArgumentException("no image for region " + region);
        }
        return b.clone();
    }

    /** NUM_LAYERS register value. */
    public int numLayers() {
        return descriptors.size();
    }

    /**
     * Lays out {@code batch} quantized samples ({@code batch * inputs} bytes, row-major) as the IN image.
     */
    public byte[] packInputs(byte[] q, int batch) {
        checkBatch(batch);
        if (q.length != batch * inputs) {
            throw new IllegalArgumentException("expected " + batch * inputs + " input bytes, got " + q.length);
        }
        byte[] img = new byte[batch * inputStride];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(q, b * inputs, img, b * inputStride, inputs);
        }
        return img;
    }

    /** Extracts {@code batch} output samples ({@code batch * outputs} bytes) from an OUT image read back. */
    public byte[] unpackOutputs(byte[] outImage, int batch) {
        checkBatch(batch);
        if (outImage.length < batch * outputStride) {
            throw new IllegalArgumentException("OUT image too short: " + outImage.length + " < " + batch * outputStride);
        }
        byte[] y = new byte[batch * outputs];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(outImage, b * outputStride, y, b * outputs, outputs);
        }
        return y;
    }

    /** Cycles the accelerator needs for one run of {@code batch} samples (exact for this RTL). */
    public long cycles(int batch) {
        return CycleModel.cycles(this, batch);
    }

    private void checkBatch(int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " outside [1, " + maxBatch + "]");
        }
    }

    @Override
    public String toString() {
        return "PackedModel" + Arrays.toString(descriptors.toArray()) + " on PE=" + config.pe() + " SIMD=" + config.simd();
    }
}
