package io.tnet.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Mini-batch trainer with softmax cross-entropy, Adam or SGD with momentum, and a cosine learning-rate
 * schedule.
 *
 * <p>Parallelism and determinism: every batch is cut into a fixed number of contiguous shards
 * ({@link TrainConfig#shards()}); each shard runs forward and backward on its own buffers and gradient
 * arrays, then the gradients are added shard by shard in index order. So the result for a seed does not
 * depend on the number of threads or on scheduling, only on the shard count (and on the vector width of
 * the CPU, which fixes the lane-wise summation order in {@link Kernels}).
 *
 * <p>Owns a thread pool: close it. Not thread-safe.
 */
public final class Trainer implements AutoCloseable {

    /** Loss and accuracy of one epoch on the training data (running, as seen during the epoch). */
    public record EpochStats(int epoch, double loss, double trainAccuracy, long millis) {
    }

    private final Network net;
    private final TrainConfig cfg;
    private final List<Param> params = new ArrayList<>();
    private final List<TrainableLayer> owners = new ArrayList<>();
    private final float[][] m;
    private final float[][] v;
    private final ShardState[] shards;
    private final ExecutorService pool;
    private long step;
    private long totalSteps = 1;
    private boolean calibrated;

    public Trainer(Network net, TrainConfig cfg) {
        this.net = net;
        this.cfg = cfg;
        for (TrainableLayer l : net.layers) {
            for (Param p : l.params()) {
                params.add(p);
                owners.add(l);
            }
        }
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).value.length];
            v[i] = new float[params.get(i).value.length];
        }
        shards = new ShardState[cfg.shards()];
        for (int s = 0; s < shards.length; s++) {
            shards[s] = new ShardState();
        }
        pool = cfg.threads() > 1 ? Executors.newFixedThreadPool(cfg.threads(), r -> {
            Thread t = new Thread(r, "tnet-trainer");
            t.setDaemon(true);
            return t;
        }) : null;
        assignLearningRates();
    }

    public Network network() {
        return net;
    }

    /**
     * Data-dependent initialisation on {@link TrainConfig#calibrationSamples()} random training samples:
     * each threshold layer takes its thresholds from the data and its output scale so that its output
     * standard deviation is near 1 (layer by layer, each seeing the calibrated layers before it).
     */
    public void calibrate(float[] x, int n) {
        SplittableRandom random = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
        int c = Math.min(cfg.calibrationSamples(), n);
        int[] idx = permutation(n, random);
        int d = net.input.size();
        float[] cur = new float[c * d];
        for (int k = 0; k < c; k++) {
            System.arraycopy(x, idx[k] * d, cur, k * d, d);
        }
        Shard shard = new Shard();
        for (TrainableLayer layer : net.layers) {
            layer.calibrate(shard, cur, c, random);
            float[] next = new float[c * layer.outSize()];
            layer.forward(shard, cur, next, c);
            cur = next;
        }
        assignLearningRates();
        calibrated = true;
    }

    /**
     * Trains for {@link TrainConfig#epochs()} epochs, calibrating first if that has not happened;
     * {@code log} receives one line per epoch (with held-out accuracy when {@code testX} is given).
     */
    public List<EpochStats> fit(float[] x, int[] y, int n, float[] testX, int[] testY, int nTest, Consumer<String> log) {
        if (!calibrated) {
            calibrate(x, n);
        }
        totalSteps = (long) cfg.epochs() * ((n + cfg.batchSize() - 1) / cfg.batchSize());
        step = 0;
        List<EpochStats> stats = new ArrayList<>();
        for (int e = 0; e < cfg.epochs(); e++) {
            EpochStats s = epoch(x, y, n, e);
            stats.add(s);
            String line = String.format(java.util.Locale.ROOT, "epoch %d/%d loss %.4f train %.2f%%", e + 1, cfg.epochs(),
                    s.loss(), 100 * s.trainAccuracy());
            if (testX != null) {
                line += String.format(java.util.Locale.ROOT, " held-out %.2f%%", 100 * accuracy(testX, testY, nTest));
            }
            log.accept(line + " (" + s.millis() / 1000.0 + " s)");
        }
        return stats;
    }

    /** One pass over the data in a seeded shuffled order. */
    public EpochStats epoch(float[] x, int[] y, int n, int epochIndex) {
        long t0 = System.nanoTime();
        int[] order = permutation(n, new SplittableRandom(cfg.seed() * 1_000_003L + epochIndex));
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < n; start += cfg.batchSize()) {
            int bs = Math.min(cfg.batchSize(), n - start);
            step(x, y, order, start, bs);
            for (ShardState s : shards) {
                loss += s.loss;
                correct += s.correct;
            }
        }
        return new EpochStats(epochIndex, loss / n, (double) correct / n, (System.nanoTime() - t0) / 1_000_000);
    }

    private void step(float[] x, int[] y, int[] order, int start, int bs) {
        int d = net.input.size();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int s = 0; s < shards.length; s++) {
            int from = start + s * bs / shards.length;
            int to = start + (s + 1) * bs / shards.length;
            ShardState st = shards[s];
            tasks.add(() -> {
                st.run(net, x, y, order, from, to, d, bs, params.size());
                return null;
            });
        }
        runAll(tasks);
        double lrFactor = cfg.finalLrFraction()
                + (1 - cfg.finalLrFraction()) * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps));
        step++;
        for (int p = 0; p < params.size(); p++) {
            float[] g = shards[0].grads[p];
            for (int s = 1; s < shards.length; s++) {
                float[] h = shards[s].grads[p];
                for (int i = 0; i < g.length; i++) {
                    g[i] += h[i];
                }
            }
            update(p, g, (float) (params.get(p).lr * lrFactor));
        }
        for (TrainableLayer l : net.layers) {
            l.refresh();
        }
    }

    /**
     * Mean loss over {@code n} samples (in index order, one batch) and its gradient per parameter,
     * without changing anything; for gradient checks. Gradients follow {@link #parameterNames()}.
     */
    LossAndGradients lossAndGradients(float[] x, int[] y, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int d = net.input.size();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int s = 0; s < shards.length; s++) {
            int from = s * n / shards.length;
            int to = (s + 1) * n / shards.length;
            ShardState st = shards[s];
            tasks.add(() -> {
                st.run(net, x, y, order, from, to, d, n, params.size());
                return null;
            });
        }
        runAll(tasks);
        float[][] out = new float[params.size()][];
        double loss = 0;
        for (ShardState s : shards) {
            loss += s.loss;
        }
        for (int p = 0; p < params.size(); p++) {
            float[] g = shards[0].grads[p].clone();
            for (int s = 1; s < shards.length; s++) {
                for (int i = 0; i < g.length; i++) {
                    g[i] += shards[s].grads[p][i];
                }
            }
            out[p] = g;
        }
        return new LossAndGradients(loss / n, out);
    }

    /** Mean loss of a batch and the gradient of every parameter array. */
    record LossAndGradients(double loss, float[][] gradients) {
    }

    /** Parameter names in the order of {@link #lossAndGradients}. */
    List<String> parameterNames() {
        return params.stream().map(p -> p.name).toList();
    }

    private void update(int p, float[] g, float lr) {
        Param param = params.get(p);
        float[] w = param.value;
        float[] mp = m[p], vp = v[p];
        if (cfg.optimizer() == TrainConfig.Optimizer.ADAM) {
            final float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
            double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
            float a = (float) (lr * Math.sqrt(c2) / c1);
            for (int i = 0; i < w.length; i++) {
                mp[i] = b1 * mp[i] + (1 - b1) * g[i];
                vp[i] = b2 * vp[i] + (1 - b2) * g[i] * g[i];
                w[i] -= a * mp[i] / ((float) Math.sqrt(vp[i]) + eps);
            }
        } else {
            float mu = cfg.momentum();
            for (int i = 0; i < w.length; i++) {
                mp[i] = mu * mp[i] + g[i];
                w[i] -= lr * mp[i];
            }
        }
        if (param.kind == Param.Kind.LATENT_SIGN) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(-1f, Math.min(1f, w[i]));
            }
        }
    }

    private void assignLearningRates() {
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            TrainableLayer owner = owners.get(p);
            double inputStd = switch (owner) {
                case ThresholdDenseLayer t -> t.inputStd;
                case ThresholdConvLayer t -> t.inputStd;
                default -> 1;
            };
            int scaleExp = switch (owner) {
                case ThresholdDenseLayer t -> t.scaleExp;
                case ThresholdConvLayer t -> t.scaleExp;
                default -> 0;
            };
            boolean threshold = owner instanceof ThresholdDenseLayer || owner instanceof ThresholdConvLayer;
            param.lr = switch (param.kind) {
                case LATENT_SIGN -> cfg.signLr();
                case THRESHOLD -> (float) (cfg.thresholdLr() * inputStd);
                case BIAS -> threshold ? (float) (cfg.thresholdLr() * inputStd * Math.scalb(1.0, -scaleExp)) : cfg.weightLr();
                case WEIGHT -> cfg.weightLr();
            };
        }
    }

    /** Logits for {@code n} preprocessed samples, computed in parallel chunks. */
    public float[] logits(float[] x, int n) {
        int d = net.input.size();
        int c = net.outputShape().size();
        float[] out = new float[n * c];
        int chunk = 256;
        List<Callable<Void>> tasks = new ArrayList<>();
        int workers = pool == null ? 1 : cfg.threads();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            tasks.add(() -> {
                EvalState st = new EvalState();
                for (int start = worker * chunk; start < n; start += workers * chunk) {
                    int rows = Math.min(chunk, n - start);
                    float[] res = st.forward(net, Arrays.copyOfRange(x, start * d, (start + rows) * d), rows);
                    System.arraycopy(res, 0, out, start * c, rows * c);
                }
                return null;
            });
        }
        runAll(tasks);
        return out;
    }

    /** Top-1 accuracy on {@code n} preprocessed samples. */
    public double accuracy(float[] x, int[] y, int n) {
        float[] z = logits(x, n);
        int c = net.outputShape().size();
        long correct = 0;
        for (int i = 0; i < n; i++) {
            correct += argmax(z, i * c, c) == y[i] ? 1 : 0;
        }
        return (double) correct / n;
    }

    static int argmax(float[] z, int off, int c) {
        int best = 0;
        for (int j = 1; j < c; j++) {
            if (z[off + j] > z[off + best]) {
                best = j;
            }
        }
        return best;
    }

    private void runAll(List<Callable<Void>> tasks) {
        try {
            if (pool == null) {
                for (Callable<Void> t : tasks) {
                    t.call();
                }
                return;
            }
            List<Future<Void>> fs = pool.invokeAll(tasks);
            for (Future<Void> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Forward-only buffers of one evaluation worker. */
    private static final class EvalState {
        final Shard shard = new Shard();

        float[] forward(Network net, float[] x, int n) {
            float[] cur = x;
            for (TrainableLayer l : net.layers) {
                float[] next = new float[n * l.outSize()];
                l.forward(shard, cur, next, n);
                cur = next;
            }
            return cur;
        }
    }

    /** Buffers and gradient accumulators of one batch shard. */
    private static final class ShardState {
        final Shard shard = new Shard();
        float[][] acts;
        float[][] gacts;
        float[][] grads;
        double loss;
        long correct;

        void run(Network net, float[] x, int[] y, int[] order, int from, int to, int d, int batch, int nParams) {
            int n = to - from;
            List<TrainableLayer> layers = net.layers;
            if (acts == null || acts[0].length < n * d) {
                acts = new float[layers.size() + 1][];
                gacts = new float[layers.size() + 1][];
                acts[0] = new float[n * d];
                for (int l = 0; l < layers.size(); l++) {
                    acts[l + 1] = new float[n * layers.get(l).outSize()];
                    gacts[l + 1] = new float[n * layers.get(l).outSize()];
                }
                grads = new float[nParams][];
                int p = 0;
                for (TrainableLayer l : layers) {
                    for (Param param : l.params()) {
                        grads[p++] = new float[param.value.length];
                    }
                }
            }
            for (float[] g : grads) {
                Arrays.fill(g, 0f);
            }
            loss = 0;
            correct = 0;
            if (n == 0) {
                return;
            }
            for (int k = 0; k < n; k++) {
                System.arraycopy(x, order[from + k] * d, acts[0], k * d, d);
            }
            for (int l = 0; l < layers.size(); l++) {
                layers.get(l).forward(shard, acts[l], acts[l + 1], n);
            }
            // Softmax cross-entropy; the gradient is averaged over the whole batch, not the shard.
            float[] z = acts[layers.size()];
            float[] gz = gacts[layers.size()];
            int c = layers.getLast().outSize();
            for (int k = 0; k < n; k++) {
                int off = k * c;
                int label = y[order[from + k]];
                float max = z[off];
                for (int j = 1; j < c; j++) {
                    max = Math.max(max, z[off + j]);
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += Math.exp(z[off + j] - max);
                }
                for (int j = 0; j < c; j++) {
                    double p = Math.exp(z[off + j] - max) / sum;
                    gz[off + j] = (float) ((p - (j == label ? 1 : 0)) / batch);
                }
                loss += Math.log(sum) + max - z[off + label];
                correct += argmax(z, off, c) == label ? 1 : 0;
            }
            int p = nParams;
            for (int l = layers.size() - 1; l >= 0; l--) {
                TrainableLayer layer = layers.get(l);
                int np = layer.params().size();
                p -= np;
                float[][] lg = Arrays.copyOfRange(grads, p, p + np);
                layer.backward(shard, acts[l], acts[l + 1], gacts[l + 1], l == 0 ? null : gacts[l], n, lg);
            }
        }
    }
}
