package io.tnet.fpga.gen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Block-RAM estimate of a configuration's on-card buffers for Xilinx 7-series / UltraScale RAMB36
 * (36 Kbit; 72 bits x 512 in simple dual-port mode). A buffer of {@code w} bits x {@code d} words takes
 * {@code ceil(w / 72) * ceil(d / 512)} RAMB36; buffers of at most 64 words are counted as distributed
 * (LUT) RAM instead, as synthesis tools do. An estimate for sizing a part, not a placement result.
 */
public final class BramEstimate {

    private BramEstimate() {
    }

    /** RAMB36 per buffer (DESC, THR, SGN, BIAS, IN, OUT, ACT), in that order. */
    public static Map<String, Integer> ramb36(AcceleratorConfig c) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(MemoryMap.DESC, blocks(Descriptor.BYTES * 8, c.maxLayers()));
        m.put(MemoryMap.THR, blocks(c.thrWordBytes() * 8, c.paramWords()));
        m.put(MemoryMap.SGN, blocks(c.sgnWordBytes() * 8, c.paramWords()));
        m.put(MemoryMap.BIAS, blocks(c.biasWordBytes() * 8, c.biasWords()));
        m.put(MemoryMap.IN, blocks(c.actWordBytes() * 8, c.inWords()));
        m.put(MemoryMap.OUT, blocks(c.actWordBytes() * 8, c.outWords()));
        m.put("ACT", blocks(c.actWordBytes() * 8, 2 * c.actWords()));
        return m;
    }

    /** Sum of {@link #ramb36}. */
    public static int total(AcceleratorConfig c) {
        return ramb36(c).values().stream().mapToInt(Integer::intValue).sum();
    }

    static int blocks(int widthBits, int depth) {
        if (depth <= 64) {
            return 0;
        }
        return AcceleratorConfig.ceilDiv(widthBits, 72) * AcceleratorConfig.ceilDiv(depth, 512);
    }
}
