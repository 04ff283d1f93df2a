package io.tnet.fpga.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The AXI4 memory map of one configuration: six regions, each in a naturally aligned power-of-two
 * window (largest first), so the RTL decodes a region from the upper address bits alone. Every region
 * is 32-bit addressable from the host (byte-lane writes are not supported: write whole 32-bit words).
 *
 * @param regions  regions in address order
 * @param addrBits width of the AXI4 address bus
 */
public record MemoryMap(List<MemoryRegion> regions, int addrBits) {

    public static final String DESC = "DESC", THR = "THR", SGN = "SGN", BIAS = "BIAS", IN = "IN", OUT = "OUT";

    public MemoryMap {
        regions = List.copyOf(regions);
    }

    /** Computes the map of a configuration. */
    public static MemoryMap of(AcceleratorConfig c) {
        record Req(String name, int wordBytes, int words, String description) {
        }
        List<Req> reqs = List.of(
                new Req(DESC, Descriptor.BYTES, c.maxLayers(), "layer descriptors, 32 bytes each"),
                new Req(THR, c.thrWordBytes(), c.paramWords(),
                        "int8 thresholds, one word = PE neurons x SIMD inputs (see the packing order)"),
                new Req(SGN, c.sgnWordBytes(), c.paramWords(),
                        "2-bit sign codes, same word order as THR"),
                new Req(BIAS, c.biasWordBytes(), c.biasWords(), "int32 biases, one word = PE neurons"),
                new Req(IN, c.actWordBytes(), c.inWords(),
                        "int8 input samples, each padded to a multiple of SIMD bytes"),
                new Req(OUT, c.actWordBytes(), c.outWords(),
                        "int8 output samples, each padded to a multiple of SIMD bytes"));
        List<Req> bySize = new ArrayList<>(reqs);
        bySize.sort(Comparator.comparingLong((Req r) -> window((long) r.wordBytes * r.words)).reversed());
        List<MemoryRegion> placed = new ArrayList<>();
        long next = 0;
        for (Req r : bySize) {
            long size = (long) r.wordBytes * r.words;
            long win = window(size);
            placed.add(new MemoryRegion(r.name, next, size, win, r.wordBytes, r.words, r.description));
            next += win;
        }
        int addrBits = 64 - Long.numberOfLeadingZeros(window(next) - 1);
        if (addrBits > 32) {
            throw new IllegalArgumentException("memory map needs " + addrBits + " address bits (max 32)");
        }
        return new MemoryMap(placed, Math.max(addrBits, 12));
    }

    /** The region of that name. */
    public MemoryRegion region(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no region " + name));
    }

    private static long window(long size) {
        long w = Long.highestOneBit(Math.max(size, 4096));
        return w < Math.max(size, 4096) ? w << 1 : w;
    }
}
