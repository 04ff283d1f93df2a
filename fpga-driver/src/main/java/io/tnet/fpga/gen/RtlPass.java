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
    static final List<String> STATIC_MODULES = List.of();

    private RtlPass() {
    }

    static List<GeneratedFile> render(AcceleratorConfig c, MemoryMap map, Manifest manifest) {
        List<GeneratedFile> out = new ArrayList<>();
        for (String m : STATIC_MODULES) {
            out.add(new GeneratedFile("rtl/" + m, Template.resource(m)));
        }
        return out;
    }

    static Map<String, String> topValues(AcceleratorConfig c, MemoryMap map, Manifest manifest) {
        return new LinkedHashMap<>();
    }
}
