package io.tnet.fpga;

import io.tnet.fpga.gen.AcceleratorConfig;
import java.util.List;

/**
 * What an open accelerator says about itself, read once from its identification and read-only
 * registers at open: nothing here comes from a manifest, so a driver can talk to any generated
 * configuration.
 *
 * @param transport     "xdma", "sim" or "mock"
 * @param uri           the URI it was opened with
 * @param versionMajor  register-map major version
 * @param versionMinor  register-map minor version
 * @param pe            output parallelism
 * @param simd          input parallelism
 * @param accWidth      accumulator bits
 * @param actWidth      activation bits
 * @param denseMi       whether Dense (MI) layers are supported
 * @param manifestHash  MANIFEST_HASH register (first 4 bytes of the manifest's SHA-256)
 * @param maxInputs     largest fan-in
 * @param maxOutputs    largest fan-out
 * @param maxLayers     descriptor slots
 * @param clockMhz      nominal clock the generator assumed
 * @param regions       the on-card memory map (DESC, THR, SGN, BIAS, IN, OUT)
 */
public record DeviceInfo(String transport, String uri, int versionMajor, int versionMinor, int pe, int simd,
                         int accWidth, int actWidth, boolean denseMi, int manifestHash, int maxInputs,
                         int maxOutputs, int maxLayers, int clockMhz, List<Region> regions) {

    public DeviceInfo {
        regions = List.copyOf(regions);
    }

    /**
     * One on-card memory region.
     *
     * @param name region name
     * @param base card byte address
     * @param size bytes
     */
    public record Region(String name, long base, long size) {
    }

    /**
     * The generator configuration this device implements, reconstructed from its registers (memory
     * depths from the region sizes), so models are packed for what is actually there.
     */
    public AcceleratorConfig config() {
        return new AcceleratorConfig(pe, simd, actWidth, accWidth, maxInputs, maxOutputs, maxLayers,
                (int) (region("THR").size() / ((long) pe * simd)), (int) (region("BIAS").size() / (4L * pe)),
                (int) (region("IN").size() / simd), (int) (region("OUT").size() / simd), clockMhz);
    }

    /** The region of that name. */
    public Region region(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device has no region " + name));
    }
}
