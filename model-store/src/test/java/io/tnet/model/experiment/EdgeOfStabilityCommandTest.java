package io.tnet.model.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.cli.TnetCommand;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeOfStabilityCommandTest {

    @Test
    void tnetExperimentEdgeOfStabilityWritesCsvSummaryAndPlots(@TempDir Path out) throws Exception {
        int code = TnetCommand.commandLine().execute("experiment", "edge-of-stability", "--out", out.toString(),
                "-d", "20", "-n", "30", "--test-samples", "200", "--seeds", "2", "--per-coordinate-seeds", "1", "--sweep", "0.02:3", "--zoom", "0.005:2",
                "--eta-times-iterations", "2", "--threads", "2");
        assertThat(code).isZero();
        List<String> csv = Files.readAllLines(out.resolve("edge-of-stability.csv"));
        assertThat(csv.getFirst()).isEqualTo(RunResult.CSV_HEADER);
        // (3 + 2 step sizes) x (2 shared-scalar seeds + 1 per-coordinate seed)
        assertThat(csv).hasSize(1 + 5 * 3);
        int columns = RunResult.CSV_HEADER.split(",").length;
        assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(columns));
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("== sweep shared-scalar", "== zoom per-coordinate");
        for (String name : List.of("eos-sweep-shared-scalar.png", "eos-zoom-per-coordinate.png")) {
            BufferedImage image = ImageIO.read(out.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isEqualTo(640);
        }
        // The CSV reads back to the same rows, and --replot redraws from it without training.
        List<RunResult> read = SweepReport.readCsv(out.resolve("edge-of-stability.csv"));
        // (column 19, sharpness x eta / 2, is recomputed from rounded numbers and may differ in the last digit)
        assertThat(read.stream().map(RunResult::csvRow).map(EdgeOfStabilityCommandTest::withoutDerived).toList())
                .isEqualTo(csv.subList(1, csv.size()).stream().map(EdgeOfStabilityCommandTest::withoutDerived).toList());
        Path again = out.resolve("replot");
        assertThat(TnetCommand.commandLine().execute("experiment", "edge-of-stability", "--out", again.toString(),
                "-d", "20", "-n", "30", "--replot", out.resolve("edge-of-stability.csv").toString())).isZero();
        assertThat(again.resolve("eos-zoom-shared-scalar.png")).isNotEmptyFile();
        assertThat(again.resolve("summary.txt")).content().contains("== zoom shared-scalar");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        SweepConfig config = new SweepConfig(16, 20, 3.0, 100, 1.0, List.of(Reading.SHARED_SCALAR, Reading.PER_COORDINATE),
                LossNormalization.MEAN, List.of(1L, 2L), 2, List.of(SweepConfig.Grid.uniform("g", 0.05, 3)), 1,
                HvpMethod.EXACT, 200);
        List<RunResult> one = new EdgeOfStabilitySweep(config).run(null);
        List<RunResult> two = new EdgeOfStabilitySweep(new SweepConfig(16, 20, 3.0, 100, 1.0, config.readings(),
                config.normalization(), config.seeds(), 2, config.grids(), 2, HvpMethod.EXACT, 200)).run(null);
        assertThat(two.stream().map(RunResult::csvRow).map(EdgeOfStabilityCommandTest::withoutMillis).toList())
                .isEqualTo(one.stream().map(RunResult::csvRow).map(EdgeOfStabilityCommandTest::withoutMillis).toList());
    }

    private static List<String> withoutDerived(String row) {
        List<String> cells = new java.util.ArrayList<>(List.of(row.split(",", -1)));
        cells.remove(19);
        return cells;
    }

    private static String withoutMillis(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }
}
