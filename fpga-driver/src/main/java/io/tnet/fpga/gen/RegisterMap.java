package io.tnet.fpga.gen;

import io.tnet.fpga.gen.Register.Access;
import java.util.List;

/**
 * The accelerator's AXI4-Lite register map, defined once. The Verilog localparams
 * ({@code tnet_accel_regs.vh}), the C header ({@code tnet_accel_regs.h}), {@code manifest.json} and
 * the table in {@code docs/hardware.md} are all generated from {@link #REGISTERS}; the Java constants
 * below are the Java view of the same map.
 *
 * <p>Offsets 0x00-0x0C follow the Vitis {@code ap_ctrl_hs} convention. The read-only block from
 * 0x40 describes the instance (parallelism, limits, memory map) so the C driver needs nothing but
 * the registers to talk to any generated configuration.
 */
public final class RegisterMap {

    private RegisterMap() {
    }

    /** Value of {@link #ID}: ASCII "TNN1". */
    public static final int ID_VALUE = 0x544E4E31;
    /** Register-map major version; bumped on incompatible changes. */
    public static final int VERSION_MAJOR = 1;
    /** Register-map minor version; bumped on additive changes. */
    public static final int VERSION_MINOR = 0;

    public static final int CTRL = 0x00;
    public static final int GIE = 0x04;
    public static final int IER = 0x08;
    public static final int ISR = 0x0C;
    public static final int ID = 0x10;
    public static final int VERSION = 0x14;
    public static final int CAPS = 0x18;
    public static final int MANIFEST_HASH = 0x1C;
    public static final int ERROR = 0x20;
    public static final int NUM_LAYERS = 0x24;
    public static final int BATCH = 0x28;
    public static final int ERROR_INFO = 0x2C;
    public static final int CYCLES_LO = 0x30;
    public static final int CYCLES_HI = 0x34;
    public static final int OPS_LO = 0x38;
    public static final int OPS_HI = 0x3C;
    public static final int MAX_INPUTS = 0x40;
    public static final int MAX_OUTPUTS = 0x44;
    public static final int MAX_LAYERS = 0x48;
    public static final int CLOCK_MHZ = 0x4C;
    public static final int DESC_BASE = 0x50;
    public static final int DESC_SIZE = 0x54;
    public static final int THR_BASE = 0x58;
    public static final int THR_SIZE = 0x5C;
    public static final int SGN_BASE = 0x60;
    public static final int SGN_SIZE = 0x64;
    public static final int BIAS_BASE = 0x68;
    public static final int BIAS_SIZE = 0x6C;
    public static final int IN_BASE = 0x70;
    public static final int IN_SIZE = 0x74;
    public static final int OUT_BASE = 0x78;
    public static final int OUT_SIZE = 0x7C;

    /** CTRL bits (ap_ctrl_hs). */
    public static final int CTRL_START = 1, CTRL_DONE = 1 << 1, CTRL_IDLE = 1 << 2, CTRL_READY = 1 << 3,
            CTRL_AUTO_RESTART = 1 << 7;
    /** IER/ISR bits. */
    public static final int IRQ_DONE = 1, IRQ_READY = 1 << 1;
    /** CAPS bits and fields. */
    public static final int CAPS_THRESHOLD_DENSE = 1 << 16, CAPS_DENSE_MI = 1 << 17;

    /** ERROR codes (sticky until written back). */
    public static final int ERR_NONE = 0, ERR_BAD_DESCRIPTOR = 1, ERR_LAYER_TOO_LARGE = 2,
            ERR_OUT_OF_RANGE = 3, ERR_ACC_OVERFLOW = 4, ERR_BAD_CHAIN = 5, ERR_BAD_BATCH = 6;

    /** Every register in offset order. */
    public static final List<Register> REGISTERS = List.of(
            new Register("CTRL", CTRL, Access.MIXED,
                    "bit0 ap_start (W1 starts; reads 1 until accepted), bit1 ap_done (clear on read), bit2 ap_idle, "
                            + "bit3 ap_ready (clear on read), bit7 auto_restart (RW)"),
            new Register("GIE", GIE, Access.RW, "bit0 global interrupt enable"),
            new Register("IER", IER, Access.RW, "bit0 done interrupt enable, bit1 ready interrupt enable"),
            new Register("ISR", ISR, Access.RTOW,
                    "bit0 done, bit1 ready; writing 1 toggles a bit (write back what you read to clear)"),
            new Register("ID", ID, Access.RO, "0x544E4E31 (\"TNN1\")"),
            new Register("VERSION", VERSION, Access.RO, "register-map version: major<<16 | minor"),
            new Register("CAPS", CAPS, Access.RO,
                    "[7:0] PE, [15:8] SIMD, bit16 ThresholdDense, bit17 Dense (MI), [23:20] ACC_WIDTH-16, "
                            + "[31:24] activation width"),
            new Register("MANIFEST_HASH", MANIFEST_HASH, Access.RO,
                    "first 4 bytes (big-endian) of the manifest's SHA-256; the driver refuses a mismatch at open"),
            new Register("ERROR", ERROR, Access.RW1C,
                    "sticky error code of the last run: 0 none, 1 bad descriptor, 2 layer exceeds max size, "
                            + "3 address out of range, 4 accumulator overflow, 5 layer chain mismatch, 6 bad batch; "
                            + "write the value back to clear"),
            new Register("NUM_LAYERS", NUM_LAYERS, Access.RW, "descriptors to run, 1..MAX_LAYERS"),
            new Register("BATCH", BATCH, Access.RW, "samples per run, >= 1"),
            new Register("ERROR_INFO", ERROR_INFO, Access.RO,
                    "[15:0] layer index of the error, [31:16] sample index of the error"),
            new Register("CYCLES_LO", CYCLES_LO, Access.RO, "clock cycles of the last run from start to done, low word"),
            new Register("CYCLES_HI", CYCLES_HI, Access.RO, "high word (latched when CYCLES_LO is read)"),
            new Register("OPS_LO", OPS_LO, Access.RO,
                    "synapse operations of the last run (sum of inputs*outputs per layer per sample), low word"),
            new Register("OPS_HI", OPS_HI, Access.RO, "high word (latched when OPS_LO is read)"),
            new Register("MAX_INPUTS", MAX_INPUTS, Access.RO, "largest layer fan-in"),
            new Register("MAX_OUTPUTS", MAX_OUTPUTS, Access.RO, "largest layer fan-out"),
            new Register("MAX_LAYERS", MAX_LAYERS, Access.RO, "descriptor slots"),
            new Register("CLOCK_MHZ", CLOCK_MHZ, Access.RO, "nominal clock the generator assumed (estimates only)"),
            new Register("DESC_BASE", DESC_BASE, Access.RO, "AXI4 byte address of the DESC region"),
            new Register("DESC_SIZE", DESC_SIZE, Access.RO, "bytes of the DESC region"),
            new Register("THR_BASE", THR_BASE, Access.RO, "AXI4 byte address of the THR region"),
            new Register("THR_SIZE", THR_SIZE, Access.RO, "bytes of the THR region"),
            new Register("SGN_BASE", SGN_BASE, Access.RO, "AXI4 byte address of the SGN region"),
            new Register("SGN_SIZE", SGN_SIZE, Access.RO, "bytes of the SGN region"),
            new Register("BIAS_BASE", BIAS_BASE, Access.RO, "AXI4 byte address of the BIAS region"),
            new Register("BIAS_SIZE", BIAS_SIZE, Access.RO, "bytes of the BIAS region"),
            new Register("IN_BASE", IN_BASE, Access.RO, "AXI4 byte address of the IN region"),
            new Register("IN_SIZE", IN_SIZE, Access.RO, "bytes of the IN region"),
            new Register("OUT_BASE", OUT_BASE, Access.RO, "AXI4 byte address of the OUT region"),
            new Register("OUT_SIZE", OUT_SIZE, Access.RO, "bytes of the OUT region"));

    /** Width in bits of the AXI4-Lite address bus (covers every register). */
    public static final int ADDR_BITS = 8;

    /** CAPS value of a configuration. */
    public static int caps(AcceleratorConfig c) {
        return c.pe() | c.simd() << 8 | CAPS_THRESHOLD_DENSE | (c.accWidth() - 16) << 20 | c.actWidth() << 24;
    }

    /** VERSION value. */
    public static int version() {
        return VERSION_MAJOR << 16 | VERSION_MINOR;
    }
}
