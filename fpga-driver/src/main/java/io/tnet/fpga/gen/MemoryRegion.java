package io.tnet.fpga.gen;

/**
 * One on-card buffer in the AXI4 memory-mapped slave's address space.
 *
 * @param name        region name ({@code DESC}, {@code THR}, ...)
 * @param base        AXI4 byte address; a multiple of {@link #window()}
 * @param size        bytes actually backed by memory ({@code words * wordBytes})
 * @param window      power-of-two address window reserved for the region ({@code >= size})
 * @param wordBytes   bytes of one internal memory word (the unit descriptor offsets are aligned to)
 * @param words       memory depth in words
 * @param description what the host puts there
 */
public record MemoryRegion(String name, long base, long size, long window, int wordBytes, int words,
                           String description) {

    /** log2 of {@link #window()}. */
    public int windowBits() {
        return Long.numberOfTrailingZeros(window);
    }
}
