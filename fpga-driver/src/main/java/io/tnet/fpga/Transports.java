package io.tnet.fpga;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.fpga.gen.AcceleratorDesign;
import java.nio.file.Path;

/**
 * Builds device URIs for the C driver's transports. {@code xdma:/dev/xdma0} is a real card;
 * {@code sim:<library>} a Verilator build of generated RTL; {@code mock:<options>} the C model of
 * the accelerator, here configured to behave like the RTL generated from a given
 * {@link AcceleratorConfig} (same limits, memory map and manifest hash).
 */
public final class Transports {

    private Transports() {
    }

    /** A mock accelerator equivalent to the RTL generated from {@code c}. */
    public static String mock(AcceleratorConfig c) {
        return mock(c, "");
    }

    /**
     * A mock accelerator with extra options appended, e.g. fault injection {@code hang_after=N} (runs
     * after the N-th never complete) or {@code error_after=N&error_code=E}.
     */
    public static String mock(AcceleratorConfig c, String extraOptions) {
        int hash = AcceleratorDesign.of(c).manifest().hash32();
        return "mock:pe=" + c.pe() + "&simd=" + c.simd() + "&acc=" + c.accWidth() + "&max_inputs=" + c.maxInputs()
                + "&max_outputs=" + c.maxOutputs() + "&max_layers=" + c.maxLayers() + "&param_words="
                + c.paramWords() + "&bias_words=" + c.biasWords() + "&in_words=" + c.inWords() + "&out_words="
                + c.outWords() + "&clock_mhz=" + c.clockMhz() + "&hash=0x" + Integer.toHexString(hash)
                + (extraOptions.isEmpty() ? "" : "&" + extraOptions);
    }

    /** The simulation library at {@code library}. */
    public static String sim(Path library) {
        return "sim:" + library.toAbsolutePath();
    }

    /** An XDMA card whose device files start with {@code prefix} (e.g. {@code /dev/xdma0}). */
    public static String xdma(String prefix) {
        return "xdma:" + prefix;
    }
}
