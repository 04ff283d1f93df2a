package io.tnet.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseCodingTest {

    @Test
    void samplesCarryTheLabelOnOneCoordinateAndUnitNoiseElsewhere() {
        int d = 50;
        Dataset data = new SparseCoding(d, 3).sample(4000, new SplittableRandom(7));
        double signal = 0;
        double noiseSquares = 0;
        int plus = 0;
        for (int k = 0; k < data.n(); k++) {
            double y = data.y()[k];
            assertThat(y).isIn(1.0, -1.0);
            plus += y > 0 ? 1 : 0;
            // The signed sum y * sum_i x_i has mean lambda (one coordinate) and variance d (the noise).
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += data.x()[k * d + i];
            }
            signal += y * s;
            noiseSquares += (y * s - 3) * (y * s - 3);
        }
        assertThat(signal / data.n()).isCloseTo(3.0, within(0.5));
        assertThat(noiseSquares / data.n()).isCloseTo(d, within(0.1 * d));
        assertThat(plus / (double) data.n()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void sortedRowsAndPrefixSumsMatchTheRows() {
        int d = 9;
        Dataset data = new SparseCoding(d, 3).sample(20, new SplittableRandom(3));
        for (int k = 0; k < data.n(); k++) {
            double rowSum = 0;
            for (int i = 0; i < d; i++) {
                rowSum += data.x()[k * d + i];
                if (i > 0) {
                    assertThat(data.sorted()[k * d + i]).isGreaterThanOrEqualTo(data.sorted()[k * d + i - 1]);
                }
            }
            assertThat(data.prefix()[k * (d + 1) + d]).isCloseTo(rowSum, within(1e-12));
            assertThat(data.prefix()[k * (d + 1) + 1]).isEqualTo(data.sorted()[k * d]);
        }
    }
}
