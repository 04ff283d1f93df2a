package io.tnet.model.train;

import io.tnet.model.Activation;
import io.tnet.model.Conv2d;
import io.tnet.model.Conv2dGeometry;
import io.tnet.model.Dense;
import io.tnet.model.ElementType;
import io.tnet.model.Flatten;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Preprocessing;
import io.tnet.model.Quantization;
import io.tnet.model.Shape;
import io.tnet.model.TensorSpec;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trainable float network: the layers of a {@link Model} in training form. Built from an architecture
 * string (see {@link #create}) or from a FLOAT32 model (for fine-tuning and fast evaluation).
 *
 * <p>Architecture strings list layers separated by commas:
 * <pre>
 *   tdense(N)                      threshold dense, N outputs
 *   dense(N) | dense(N,relu)       MI dense
 *   tconv(C,kK,sS,pP)              threshold convolution, C output channels, K x K kernel, stride S, padding P
 *   conv(C,kK,sS,pP[,relu])        MI convolution
 *   flatten                        (inserted automatically before a dense layer after a convolution)
 * </pre>
 * Not thread-safe; {@link Trainer} and {@link #predict} own the parallelism.
 */
public final class Network {

    private static final Pattern ITEM = Pattern.compile("(\\w+)(?:\\(([^)]*)\\))?");

    final Shape input;
    final List<TrainableLayer> layers;

    Network(Shape input, List<TrainableLayer> layers) {
        this.input = input;
        this.layers = List.copyOf(layers);
    }

    /** A freshly initialised network (parameters random; call {@link Trainer#calibrate} before training). */
    public static Network create(Shape input, String architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainableLayer> layers = new ArrayList<>();
        Shape shape = input;
        int index = 0;
        for (String raw : architecture.split(",(?![^(]*\\))")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot parse layer '" + raw + "' in architecture '" + architecture + "'");
            }
            String kind = m.group(1);
            String[] args = m.group(2) == null ? new String[0] : m.group(2).split("\\s*,\\s*");
            index++;
            if ((kind.equals("tdense") || kind.equals("dense")) && shape.rank() != 1) {
                FlattenLayer f = new FlattenLayer("flatten" + index, shape);
                layers.add(f);
                shape = f.outShape;
            }
            TrainableLayer layer = switch (kind) {
                case "tdense" -> new ThresholdDenseLayer("td" + index, shape.size(), intArg(args, 0, item), random);
                case "dense" -> new DenseLayer("fc" + index, shape.size(), intArg(args, 0, item), activation(args, 1), random);
                case "tconv" -> new ThresholdConvLayer("tc" + index, geometry(shape, args, item), shape, random);
                case "conv" -> new ConvLayer("conv" + index, geometry(shape, args, item), activation(args, 4), shape, random);
                case "flatten" -> new FlattenLayer("flatten" + index, shape);
                default -> throw new IllegalArgumentException("unknown layer kind '" + kind
                        + "' (tdense, dense, tconv, conv, flatten)");
            };
            layers.add(layer);
            shape = layer.outShape;
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("architecture '" + architecture + "' has no layers");
        }
        return new Network(input, layers);
    }

    /** The training form of a FLOAT32 model (latent sign weights start at the signs). */
    public static Network fromModel(Model model) {
        if (model.precision() != Precision.FLOAT32) {
            throw new IllegalArgumentException("model '" + model.name() + "' is " + model.precision() + ", not FLOAT32");
        }
        List<TrainableLayer> layers = new ArrayList<>();
        Shape shape = model.input().shape();
        for (Layer l : model.layers()) {
            TrainableLayer t = switch (l) {
                case ThresholdDense d -> new ThresholdDenseLayer(d);
                case ThresholdConv2d c -> new ThresholdConvLayer(c, shape);
                case Dense d -> new DenseLayer(d);
                case Conv2d c -> new ConvLayer(c, shape);
                case Flatten f -> new FlattenLayer(f.name(), shape);
            };
            layers.add(t);
            shape = t.outShape;
        }
        return new Network(model.input().shape(), layers);
    }

    public Shape inputShape() {
        return input;
    }

    public Shape outputShape() {
        return layers.getLast().outShape;
    }

    /** The FLOAT32 model layers with the current parameters. */
    public List<Layer> exportLayers() {
        return layers.stream().map(TrainableLayer::export).toList();
    }

    /** A FLOAT32 model of this network with the given I/O contract and metadata. */
    public Model toModel(String name, String inputName, Preprocessing preprocessing, List<String> labels,
                         java.util.Map<String, String> metadata) {
        return new Model(Model.FORMAT_VERSION, name, Precision.FLOAT32,
                new TensorSpec(inputName, ElementType.FP32, input),
                new TensorSpec("logits", ElementType.FP32, outputShape()), labels, preprocessing, Quantization.NONE,
                exportLayers(), metadata);
    }

    /** Number of trainable scalars (latent weights counted once, not their derived signs). */
    public long parameterCount() {
        long n = 0;
        for (TrainableLayer l : layers) {
            for (Param p : l.params()) {
                n += p.value.length;
            }
        }
        return n;
    }

    private static int intArg(String[] args, int i, String item) {
        if (args.length <= i) {
            throw new IllegalArgumentException("layer '" + item + "' needs argument " + (i + 1));
        }
        String a = args[i].replaceFirst("^[a-z]", "");
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + item + "': '" + args[i] + "' is not a number");
        }
    }

    private static Activation activation(String[] args, int i) {
        if (args.length <= i) {
            return Activation.NONE;
        }
        return switch (args[i]) {
            case "relu" -> Activation.RELU;
            case "none" -> Activation.NONE;
            default -> throw new IllegalArgumentException("unknown activation '" + args[i] + "' (relu, none)");
        };
    }

    private static Conv2dGeometry geometry(Shape in, String[] args, String item) {
        if (in.rank() != 3) {
            throw new IllegalArgumentException("layer '" + item + "' needs a CHW input, got " + in);
        }
        int c = intArg(args, 0, item), k = intArg(args, 1, item), s = intArg(args, 2, item), p = intArg(args, 3, item);
        return new Conv2dGeometry(in.dim(0), c, k, k, s, s, p, p);
    }
}
