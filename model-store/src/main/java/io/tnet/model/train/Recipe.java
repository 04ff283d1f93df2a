package io.tnet.model.train;

import io.tnet.model.Preprocessing;
import io.tnet.model.Shape;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one bundled model is made: dataset, input contract, architecture and hyper-parameters.
 * {@code tnet train --recipe <name> --seed <seed>} reproduces the model from scratch;
 * {@code docs/training.md} lists the commands.
 *
 * @param name          model name (also the repository directory)
 * @param dataset       dataset name for {@link io.tnet.model.data.Datasets#load}
 * @param inputName     the model's input tensor name
 * @param inputShape    per-sample input shape (CHW for convolutional models)
 * @param preprocessing raw client values to model input
 * @param architecture  layer list, see {@link Network#create}
 * @param config        hyper-parameters (the seed is overridden on the command line)
 * @param description   one line for the model's metadata and the docs
 */
public record Recipe(String name, String dataset, String inputName, Shape inputShape, Preprocessing preprocessing,
                     String architecture, TrainConfig config, String description) {

    /** Default seed of every bundled model. */
    public static final long DEFAULT_SEED = 1;

    static final List<String> FASHION_LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGIT_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Class labels of this recipe's dataset. */
    public List<String> labels() {
        return dataset.equals("fashion-mnist") ? FASHION_LABELS : DIGIT_LABELS;
    }

    /** The bundled models' recipes, by name. */
    public static final Map<String, Recipe> BUNDLED = bundled();

    private static Map<String, Recipe> bundled() {
        Preprocessing pixels = new Preprocessing(1f / 255f, 0f);
        TrainConfig tn = TrainConfig.defaults(15, DEFAULT_SEED);
        TrainConfig mac = TrainConfig.defaults(15, DEFAULT_SEED);
        List<Recipe> all = List.of(
                new Recipe("fashion-tn-mlp", "fashion-mnist", "input", Shape.of(784), pixels,
                        "tdense(256),tdense(10)", tn,
                        "Fashion-MNIST threshold MLP 784-256-10 (no multiplier)"),
                new Recipe("fashion-mac-mlp", "fashion-mnist", "input", Shape.of(784), pixels,
                        "dense(256,relu),dense(10)", mac,
                        "Fashion-MNIST conventional ReLU MLP 784-256-10 (baseline)"),
                new Recipe("fashion-tn-cnn", "fashion-mnist", "input", Shape.of(1, 28, 28), pixels,
                        "tconv(16,k4,s2,p1),tconv(32,k3,s2,p1),tdense(128),tdense(10)", tn.withEpochs(8),
                        "Fashion-MNIST threshold CNN, strided threshold convolutions instead of pooling"),
                new Recipe("mnist-tn-mlp", "mnist", "input", Shape.of(784), Preprocessing.IDENTITY,
                        "tdense(256),tdense(10)", tn.withEpochs(30),
                        "MNIST digits threshold MLP 784-256-10 (no multiplier)"),
                new Recipe("mnist-mac-mlp", "mnist", "input", Shape.of(784), Preprocessing.IDENTITY,
                        "dense(256,relu),dense(10)", mac.withEpochs(30),
                        "MNIST digits conventional ReLU MLP 784-256-10 (baseline)"),
                new Recipe("digits-tn-mlp", "digits", "input", Shape.of(64), new Preprocessing(1f / 16f, 0f),
                        "tdense(64),tdense(10)", tn.withEpochs(100).withBatchSize(32),
                        "8x8 digits threshold MLP 64-64-10 (no multiplier)"));
        return all.stream().collect(Collectors.toMap(Recipe::name, r -> r, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public Recipe withConfig(TrainConfig c) {
        return new Recipe(name, dataset, inputName, inputShape, preprocessing, architecture, c, description);
    }
}
