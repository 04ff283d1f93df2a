package io.tnet.fpga.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerParsingTest {

    @Test
    void parsesHwmonMicrowattsAndOtherUnits() {
        assertThat(PowerParsing.watts("23500000\n", PowerParsing.Unit.MICROWATTS)).isCloseTo(23.5, within(1e-9));
        assertThat(PowerParsing.watts("12250", PowerParsing.Unit.MILLIWATTS)).isCloseTo(12.25, within(1e-9));
        assertThat(PowerParsing.watts("17.5 W\n", PowerParsing.Unit.WATTS)).isCloseTo(17.5, within(1e-9));
        assertThat(PowerParsing.Unit.parse("uW")).isEqualTo(PowerParsing.Unit.MICROWATTS);
    }

    @Test
    void rejectsWhatIsNotAReading() {
        assertThatThrownBy(() -> PowerParsing.watts("N/A\n", PowerParsing.Unit.WATTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N/A");
        assertThatThrownBy(() -> PowerParsing.watts("-5", PowerParsing.Unit.WATTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PowerParsing.watts("1.2.3", PowerParsing.Unit.WATTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PowerParsing.Unit.parse("horsepower")).hasMessageContaining("horsepower");
    }
}
