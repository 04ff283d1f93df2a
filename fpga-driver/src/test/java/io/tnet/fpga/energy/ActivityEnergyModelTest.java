package io.tnet.fpga.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tnet.fpga.RunStats;
import io.tnet.fpga.gen.AcceleratorConfig;
import org.junit.jupiter.api.Test;

class ActivityEnergyModelTest {

    @Test
    void coefficientsFollowHorowitz45nm() {
        ActivityEnergyModel m = ActivityEnergyModel.horowitz45nm(AcceleratorConfig.DEFAULT, "sim");
        // 0.03 + 0.03 + 0.0533 arithmetic, 10 bits fetched at 10/64 pJ, 8 bits shared by 16 lanes
        assertThat(m.picojoulesPerOp()).isCloseTo(0.11333 + 1.5625 + 0.078125, within(1e-4));
        assertThat(m.picojoulesPerCycle()).isCloseTo(1.6, within(1e-9));
        assertThat(m.clockHz()).isEqualTo(200e6);
        // a MAC synapse fetches fewer parameter bits (8 vs 8 + 2) but multiplies: 0.2 + 0.0533 + 1.25 + 0.078
        assertThat(ActivityEnergyModel.macPicojoulesPerOp(AcceleratorConfig.DEFAULT)).isCloseTo(1.58146, within(1e-4));
    }

    @Test
    void energyIsOpsTimesEnergyPlusCyclesPlusStaticOverDeviceTime() {
        ActivityEnergyModel m = new ActivityEnergyModel(2.0, 1.0, 0.5, 100e6, "model");
        EnergyEstimate e = m.estimate(new RunStats(1000, 50_000, 0, 12345, 4));
        assertThat(e.seconds()).isCloseTo(1e-5, within(1e-15));
        assertThat(e.dynamicJoules()).isCloseTo((50_000 * 2.0 + 1000 * 1.0) * 1e-12, within(1e-18));
        assertThat(e.staticJoules()).isCloseTo(0.5 * 1e-5, within(1e-15));
        assertThat(e.joules()).isCloseTo(e.dynamicJoules() + e.staticJoules(), within(1e-18));
        assertThat(e.averageWatts()).isCloseTo(e.joules() / 1e-5, within(1e-9));
        EnergyEstimate quarter = e.share(1, 4);
        assertThat(quarter.joules()).isCloseTo(e.joules() / 4, within(1e-18));
    }
}
