package io.tnet.model.cli;

import io.tnet.model.Model;
import io.tnet.model.data.Dataset;
import io.tnet.model.data.Datasets;
import io.tnet.model.format.ModelReader;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.quant.Quantizer;
import io.tnet.model.train.Evaluation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tnet quantize}: post-training int8 quantization of a FLOAT32 model with calibration data. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Quantize a FLOAT32 model to INT8 (power-of-two formats chosen on calibration data from a training set).")
public final class QuantizeCommand implements Callable<Integer>, TnetSubcommand {

    @Option(names = "--in", required = true, description = "FLOAT32 model file.")
    Path in;

    @Option(names = "--out", required = true, description = "INT8 model file to write.")
    Path out;

    @Option(names = "--dataset", required = true, description = "Calibration dataset (training split): fashion-mnist, mnist, digits.")
    String dataset;

    @Option(names = "--calibration", defaultValue = "2000", description = "Calibration samples (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed choosing the calibration samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", description = "Data directory (default: ./data or $TNET_DATA_DIR).")
    Path data;

    @Override
    public Integer call() throws Exception {
        Model model = ModelReader.read(in);
        Dataset.Split split = Datasets.load(dataset, data != null ? data : Datasets.defaultDir());
        Dataset train = split.train().reshaped(model.input().shape());
        int n = Math.min(samples, train.size());
        int[] idx = new int[train.size()];
        Arrays.setAll(idx, i -> i);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        Dataset calib = train.subset("calibration", Arrays.copyOf(idx, n));
        Model q = Quantizer.quantize(model, Evaluation.preprocess(model, calib), n);
        ModelWriter.write(q, out);
        Dataset test = split.test().reshaped(model.input().shape());
        System.out.printf(Locale.ROOT, "%s: held-out accuracy float %.2f%%, int8 %.2f%% (input frac bits %d, output frac bits %d)%n",
                model.name(), 100 * Evaluation.accuracy(model, test), 100 * Evaluation.accuracy(q, test),
                q.quantization().inputFracBits(), q.quantization().outputFracBits());
        return 0;
    }
}
