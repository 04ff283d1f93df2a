package io.tnet.fpga.energy;

import io.tnet.fpga.RunStats;
import io.tnet.fpga.gen.AcceleratorConfig;

/**
 * Energy of a run from the accelerator's own activity counters:
 * {@code E = OPS * picojoulesPerOp + CYCLES * picojoulesPerCycle + staticWatts * CYCLES / f}.
 *
 * <p>{@link #horowitz45nm(AcceleratorConfig)} derives the coefficients from the per-operation energies
 * in M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014 (45 nm,
 * 0.9 V): 8-bit add 0.03 pJ, 32-bit add 0.1 pJ, 8-bit multiply 0.2 pJ, SRAM read of a 64-bit word
 * 10 pJ (8 KB array). One threshold synapse costs an 8-bit subtract, an 8-bit compare for the clamp and
 * one add/subtract in the adder tree (about 16 bits wide on average: 0.053 pJ by linear interpolation
 * between 8 and 32 bits), plus fetching its 8-bit threshold and 2-bit sign (10 bits at 10/64 pJ per
 * bit) and its share of the 8-bit activation, which PE lanes read once and share. Every cycle each of
 * the PE accumulators does one 32-bit add. The figures are for an ASIC at 45 nm; an FPGA spends
 * several times more per operation, so treat the result as a lower bound that ranks configurations and
 * models, not a measurement. The static power is a configuration value (default 0.1 W, the order of an
 * Artix-7-class device's static power in Xilinx XPE), charged over the device time.
 *
 * @param picojoulesPerOp    dynamic energy per synapse operation (the OPS counter)
 * @param picojoulesPerCycle dynamic energy per clock cycle independent of operations
 * @param staticWatts        static power while the accelerator runs
 * @param clockHz            clock frequency that turns cycles into device time
 * @param source             label of the counters' origin ({@code sim} or {@code model})
 */
public record ActivityEnergyModel(double picojoulesPerOp, double picojoulesPerCycle, double staticWatts,
                                  double clockHz, String source) {

    /** Horowitz ISSCC 2014, 45 nm: energies in picojoules. */
    public static final double ADD8_PJ = 0.03, ADD32_PJ = 0.1, MUL8_PJ = 0.2, SRAM_64BIT_READ_PJ = 10.0;
    /** Default static power (W). */
    public static final double DEFAULT_STATIC_WATTS = 0.1;

    public ActivityEnergyModel {
        if (!(picojoulesPerOp >= 0) || !(picojoulesPerCycle >= 0) || !(staticWatts >= 0) || !(clockHz > 0)) {
            throw new IllegalArgumentException("energy coefficients must be >= 0 and the clock > 0");
        }
    }

    /** Energy of one bit read from on-chip SRAM. */
    static double sramPjPerBit() {
        return SRAM_64BIT_READ_PJ / 64;
    }

    /** The Horowitz-derived model for a configuration at its nominal clock, static power 0.1 W. */
    public static ActivityEnergyModel horowitz45nm(AcceleratorConfig c, String source) {
        return horowitz45nm(c, c.clockMhz() * 1e6, DEFAULT_STATIC_WATTS, source);
    }

    /** The Horowitz-derived model at a given clock and static power. */
    public static ActivityEnergyModel horowitz45nm(AcceleratorConfig c, double clockHz, double staticWatts,
                                                   String source) {
        double add16 = ADD8_PJ + (ADD32_PJ - ADD8_PJ) * (16 - 8) / 24.0;
        double arithmetic = ADD8_PJ /* x - theta */ + ADD8_PJ /* clamp compare */ + add16 /* tree add/sub */;
        double fetch = (c.actWidth() + 2) * sramPjPerBit() + c.actWidth() * sramPjPerBit() / c.pe();
        double perCycle = c.pe() * ADD32_PJ;
        return new ActivityEnergyModel(arithmetic + fetch, perCycle, staticWatts, clockHz, source);
    }

    /** Energy of one run from its counters. */
    public EnergyEstimate estimate(RunStats stats) {
        double seconds = stats.cycles() / clockHz;
        double dynamic = (stats.ops() * picojoulesPerOp + stats.cycles() * picojoulesPerCycle) * 1e-12;
        double stat = staticWatts * seconds;
        return new EnergyEstimate(dynamic + stat, dynamic, stat, seconds, source);
    }

    /**
     * For comparison: the same synapse done as a multiply-accumulate (8-bit multiply, 16-bit add, an
     * 8-bit weight fetch and the activation share), per operation in picojoules.
     */
    public static double macPicojoulesPerOp(AcceleratorConfig c) {
        double add16 = ADD8_PJ + (ADD32_PJ - ADD8_PJ) * (16 - 8) / 24.0;
        return MUL8_PJ + add16 + c.actWidth() * sramPjPerBit() + c.actWidth() * sramPjPerBit() / c.pe();
    }
}
