package io.tnet.fpga.gen;

/**
 * One 32-bit register of the AXI4-Lite control slave.
 *
 * @param name        upper-case name used for the Verilog localparam ({@code REG_<name>}) and C macro
 *                    ({@code TN_REG_<name>})
 * @param offset      byte offset, a multiple of 4
 * @param access      access kind as documented in {@code docs/hardware.md}
 * @param description one line: bit fields and semantics
 */
public record Register(String name, int offset, Access access, String description) {

    /** How the host may access a register. */
    public enum Access {
        /** Read/write. */
        RW,
        /** Read-only. */
        RO,
        /** Read; writing 1 to a bit toggles it (Vitis ISR). */
        RTOW,
        /** Read; writing 1 to a bit clears it. */
        RW1C,
        /** Mixed: see the description. */
        MIXED
    }

    public Register {
        if (offset < 0 || offset % 4 != 0) {
            throw new IllegalArgumentException(name + ": offset must be a non-negative multiple of 4");
        }
    }
}
