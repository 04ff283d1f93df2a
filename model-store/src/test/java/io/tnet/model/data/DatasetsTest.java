package io.tnet.model.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real datasets as scripts/fetch-data.sh lays them out (CI runs it before the build): sizes, value
 * ranges and the documented splits.
 */
class DatasetsTest {

    static final Path DATA = Datasets.locate();

    @Test
    void fashionMnistHasTheStandardSplit() throws IOException {
        Dataset.Split s = Datasets.fashionMnist(DATA);
        assertThat(s.train().size()).isEqualTo(60_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        assertThat(s.train().dim()).isEqualTo(784);
        assertThat(max(s.test().features())).isEqualTo(255f);
        assertThat(counts(s.test())).containsOnly(1000);
    }

    @Test
    void npmMnistIsSplitStratified80To20() throws IOException {
        Dataset.Split s = Datasets.mnist(DATA);
        assertThat(s.train().size() + s.test().size()).isEqualTo(10_000);
        assertThat(s.test().size()).isEqualTo(1_996);
        assertThat(max(s.train().features())).isLessThanOrEqualTo(1f);
        int[] c = counts(s.test());
        for (int v : c) {
            assertThat(v).isBetween(170, 226);
        }
    }

    @Test
    void sklearnDigitsHoldOutEveryFifthRow() throws IOException {
        Dataset.Split s = Datasets.digits(DATA);
        assertThat(s.train().size()).isEqualTo(1_438);
        assertThat(s.test().size()).isEqualTo(359);
        assertThat(s.train().dim()).isEqualTo(64);
        assertThat(max(s.train().features())).isEqualTo(16f);
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }

    private static int[] counts(Dataset d) {
        int[] c = new int[d.classes()];
        for (int y : d.labels()) {
            c[y]++;
        }
        return c;
    }
}
