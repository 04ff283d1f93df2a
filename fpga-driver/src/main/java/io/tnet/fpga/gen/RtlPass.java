package io.tnet.fpga.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the RTL of a configuration: the static modules verbatim and the top-level template with
 * the configuration's parameters, memory map and manifest hash.
 */
final class RtlPass {

    /** Configuration-independent modules, in dependency order. */
    static final List<String> STATIC_MODULES = List.of("tnet_lane.v", "tnet_adder_tree.v", "tnet_requant.v", "tnet_pe.v",
            "tnet_ram.v", "tnet_core.v", "tnet_axil_ctrl.v", "tnet_axi_mem.v");

    /** The top-level template. */
    static final String TOP_TEMPLATE = "tnet_accel.v";

    private RtlPass() {
    }

    static List<GeneratedFile> render(AcceleratorConfig c, MemoryMap map, Manifest manifest) {
        List<GeneratedFile> out = new ArrayList<>();
        for (String m : STATIC_MODULES) {
            out.add(new GeneratedFile("rtl/" + m, Template.resource(m)));
        }
        out.add(new GeneratedFile("rtl/" + TOP_TEMPLATE, Template.rtl(TOP_TEMPLATE).render(topValues(c, map, manifest))));
        StringBuilder list = new StringBuilder();
        for (String m : STATIC_MODULES) {
            list.append(m).append('\n');
        }
        list.append(TOP_TEMPLATE).append('\n');
        out.add(new GeneratedFile("rtl/files.f", list.toString()));
        return out;
    }

    static Map<String, String> topValues(AcceleratorConfig c, MemoryMap map, Manifest manifest) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CONFIG_SUMMARY", "PE=" + c.pe() + ", SIMD=" + c.simd() + ", ACC_W=" + c.accWidth());
        v.put("MANIFEST_SHA256", manifest.sha256());
        v.put("PE", Integer.toString(c.pe()));
        v.put("SIMD", Integer.toString(c.simd()));
        v.put("ACC_W", Integer.toString(c.accWidth()));
        v.put("MAX_IN", Integer.toString(c.maxInputs()));
        v.put("MAX_OUT", Integer.toString(c.maxOutputs()));
        v.put("MAX_LAYERS", Integer.toString(c.maxLayers()));
        v.put("PARAM_WORDS", Integer.toString(c.paramWords()));
        v.put("BIAS_WORDS", Integer.toString(c.biasWords()));
        v.put("IN_WORDS", Integer.toString(c.inWords()));
        v.put("OUT_WORDS", Integer.toString(c.outWords()));
        v.put("ACT_WORDS", Integer.toString(c.actWords()));
        v.put("AW", Integer.toString(map.addrBits()));
        for (MemoryRegion r : map.regions()) {
            v.put(r.name() + "_BASE", String.format("%08X", r.base()));
            v.put(r.name() + "_BITS", Integer.toString(r.windowBits()));
            v.put(r.name() + "_SIZE", Long.toString(r.size()));
        }
        v.put("CAPS", String.format("%08X", RegisterMap.caps(c)));
        v.put("MANIFEST_HASH", String.format("%08X", manifest.hash32()));
        v.put("CLOCK_MHZ", Integer.toString(c.clockMhz()));
        return v;
    }
}
