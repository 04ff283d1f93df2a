package io.tnet.fpga.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The generator's intermediate representation of one accelerator: configuration, derived memory
 * map and manifest, and the rendered output files. Built by {@link #of(AcceleratorConfig)} without
 * side effects; {@link DesignWriter} puts it on disk.
 *
 * @param config    the parameters
 * @param memoryMap AXI4 address map derived from {@code config}
 * @param manifest  manifest (its hash is baked into the RTL)
 * @param files     every output file, paths relative to the output directory
 */
public record AcceleratorDesign(AcceleratorConfig config, MemoryMap memoryMap, Manifest manifest,
                                List<GeneratedFile> files) {

    /** Name of the generated top-level Verilog module. */
    public static final String TOP = "tnet_accel";

    public AcceleratorDesign {
        files = List.copyOf(files);
    }

    /** Runs the passes: config -> memory map -> manifest -> rendered files. */
    public static AcceleratorDesign of(AcceleratorConfig config) {
        MemoryMap map = MemoryMap.of(config);
        Manifest manifest = Manifest.of(config, map);
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile("manifest.json", manifest.toJson()));
        files.add(new GeneratedFile("include/tnet_accel_regs.h", Emitters.cHeader()));
        files.add(new GeneratedFile("rtl/tnet_accel_regs.vh", Emitters.verilogHeader()));
        files.addAll(RtlPass.render(config, map, manifest));
        return new AcceleratorDesign(config, map, manifest, files);
    }

    /** The content of one output file. */
    public String file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().map(GeneratedFile::content)
                .orElseThrow(() -> new IllegalArgumentException("no generated file " + path));
    }
}
