package io.tnet.model.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The int8 primitives on hand-computed values; the rounding rule is round half up (toward +inf). */
class IntegerOpsTest {

    @ParameterizedTest(name = "requantize({0}, {1}) = {2}")
    @CsvSource({
        // right shift by 1: exact halves round up, also for negative values
        "5, -1, 3",      // 2.5 -> 3
        "-5, -1, -2",    // -2.5 -> -2
        "3, -1, 2",      // 1.5 -> 2
        "-3, -1, -1",    // -1.5 -> -1
        "1, -1, 1",      // 0.5 -> 1
        "-1, -1, 0",     // -0.5 -> 0
        "4, -1, 2",
        "-4, -1, -2",
        // right shift by 2: below, at and above the half
        "9, -2, 2",      // 2.25 -> 2
        "10, -2, 3",     // 2.5 -> 3
        "11, -2, 3",     // 2.75 -> 3
        "-9, -2, -2",    // -2.25 -> -2
        "-10, -2, -2",   // -2.5 -> -2
        "-11, -2, -3",   // -2.75 -> -3
        // shift 0 = saturation only
        "127, 0, 127",
        "128, 0, 127",
        "-128, 0, -128",
        "-129, 0, -128",
        // left shifts are exact, then saturate
        "31, 2, 124",
        "32, 2, 127",
        "-32, 2, -128",
        "-33, 2, -128",
        // saturation after a right shift, and the widest shift
        "255000, -11, 125",          // 124.51 -> 125 (1000 taps of 255)
        "2147483647, -24, 127",      // 128.0 (rounded) -> saturates to 127
        "-2147483648, -24, -128",
        "1073741824, -31, 1",        // 0.5 -> 1
        "1073741823, -31, 0",
        "-1073741824, -31, 0",       // -0.5 -> 0
        "-1073741825, -31, -1"})
    void requantizeRoundsHalfUpAndSaturates(long acc, int scaleExp, byte expected) {
        assertThat(IntegerOps.requantize(acc, scaleExp)).isEqualTo(expected);
    }

    @Test
    void thresholdTermIsSignTimesClampedDifference() {
        assertThat(IntegerOps.thresholdTerm((byte) 127, (byte) -128, (byte) 1)).isEqualTo(255);
        assertThat(IntegerOps.thresholdTerm((byte) 127, (byte) -128, (byte) -1)).isEqualTo(-255);
        assertThat(IntegerOps.thresholdTerm((byte) -128, (byte) 127, (byte) 1)).isZero();
        assertThat(IntegerOps.thresholdTerm((byte) 5, (byte) 5, (byte) 1)).isZero();
        assertThat(IntegerOps.thresholdTerm((byte) 6, (byte) 5, (byte) -1)).isEqualTo(-1);
        assertThat(IntegerOps.thresholdTerm((byte) 100, (byte) -3, (byte) 0)).isZero();
    }

    @Test
    void quantizeRoundsHalfUpAndSaturates() {
        assertThat(IntegerOps.quantize(0.5f, 2)).isEqualTo((byte) 2);
        assertThat(IntegerOps.quantize(0.125f, 2)).isEqualTo((byte) 1);     // 0.5 -> 1
        assertThat(IntegerOps.quantize(-0.125f, 2)).isEqualTo((byte) 0);    // -0.5 -> 0
        assertThat(IntegerOps.quantize(-0.375f, 2)).isEqualTo((byte) -1);   // -1.5 -> -1
        assertThat(IntegerOps.quantize(-2.5f, 2)).isEqualTo((byte) -10);
        assertThat(IntegerOps.quantize(0.99f, 7)).isEqualTo((byte) 127);    // 126.72 -> 127
        assertThat(IntegerOps.quantize(1f, 7)).isEqualTo((byte) 127);       // 128 saturates
        assertThat(IntegerOps.quantize(-1f, 7)).isEqualTo((byte) -128);
        assertThat(IntegerOps.quantize(1e30f, 7)).isEqualTo((byte) 127);
        assertThat(IntegerOps.quantize(-1e30f, 7)).isEqualTo((byte) -128);
        assertThat(IntegerOps.quantize(40f, -2)).isEqualTo((byte) 10);
        assertThatThrownBy(() -> IntegerOps.quantize(Float.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntegerOps.quantize(Float.POSITIVE_INFINITY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dequantizeIsExactPowerOfTwo() {
        assertThat(IntegerOps.dequantize((byte) -128, 3)).isEqualTo(-16f);
        assertThat(IntegerOps.dequantize((byte) 127, 3)).isEqualTo(15.875f);
        assertThat(IntegerOps.dequantize((byte) 3, -2)).isEqualTo(12f);
    }

    @Test
    void sat8() {
        assertThat(IntegerOps.sat8(Long.MAX_VALUE)).isEqualTo((byte) 127);
        assertThat(IntegerOps.sat8(Long.MIN_VALUE)).isEqualTo((byte) -128);
        assertThat(IntegerOps.sat8(-5)).isEqualTo((byte) -5);
    }
}
