package io.tnet.kernel;

import io.tnet.model.Conv2d;
import io.tnet.model.Dense;
import io.tnet.model.F32Tensor;
import io.tnet.model.Flatten;
import io.tnet.model.I32Tensor;
import io.tnet.model.I8Tensor;
import io.tnet.model.Layer;
import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.Shape;
import io.tnet.model.ThresholdConv2d;
import io.tnet.model.ThresholdDense;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the CPU backend: owns the bounded worker pool and compiles models for it.
 *
 * <p>{@link #create} starts {@code threads - 1} daemon helper threads (none for one thread);
 * {@link #close} stops them, after which networks compiled by this kernel refuse to run. Compiled
 * networks share the pool; each call uses the calling thread plus helpers that are free.
 */
public final class CpuKernel implements AutoCloseable {

    /** Below this many synapse operations per task, splitting a layer costs more than it saves. */
    static final long DEFAULT_MIN_TASK_WORK = 1 << 16;

    private final KernelOptions options;
    private final Lanes lanes;
    private final WorkerPool pool;
    private final long minTaskWork;

    private CpuKernel(KernelOptions options, Lanes lanes, long minTaskWork) {
        this.options = options;
        this.lanes = lanes;
        this.minTaskWork = minTaskWork;
        this.pool = options.threads() > 1 ? new WorkerPool(options.threads() - 1) : null;
    }

    /** A kernel with the given options; the instruction width is resolved now. */
    public static CpuKernel create(KernelOptions options) {
        return new CpuKernel(options, resolve(options.simd()), DEFAULT_MIN_TASK_WORK);
    }

    /** For tests: splits layers into tasks of at least {@code minTaskWork} synapse operations. */
    static CpuKernel create(KernelOptions options, long minTaskWork) {
        return new CpuKernel(options, resolve(options.simd()), minTaskWork);
    }

    long minTaskWork() {
        return minTaskWork;
    }

    public KernelOptions options() {
        return options;
    }

    /** The instruction width in use, e.g. {@code "vector-512"} or {@code "scalar"}. */
    public String simdDescription() {
        return lanes.describe();
    }

    /**
     * Repacks the model's parameters once into the kernels' layout; the result may be used from any
     * number of threads.
     */
    public CompiledNetwork compile(Model model) {
        List<Stage> stages = new ArrayList<>();
        Shape shape = model.input().shape();
        for (Layer layer : model.layers()) {
            Shape out = layer.outputShape(shape);
            Stage stage = switch (layer) {
                case ThresholdDense d -> threshold(model, d.name(), Layout.dense(d.inputs(), d.outputs()),
                        d.thresholds(), (I8Tensor) d.signs(), d.bias(), d.scaleExp());
                case ThresholdConv2d c -> threshold(model, c.name(), Layout.conv(c.geometry(), shape, out),
                        c.thresholds(), (I8Tensor) c.signs(), c.bias(), c.scaleExp());
                case Dense d -> mi(model, d.name(), Layout.dense(d.inputs(), d.outputs()), d.weights(), d.bias(),
                        d.scaleExp(), d.activation());
                case Conv2d c -> mi(model, c.name(), Layout.conv(c.geometry(), shape, out), c.weights(), c.bias(),
                        c.scaleExp(), c.activation());
                case Flatten ignored -> null;
            };
            if (stage != null) {
                stages.add(stage);
            }
            shape = out;
        }
        return new CompiledNetwork(model, stages.toArray(Stage[]::new), this);
    }

    private static Stage threshold(Model model, String name, Layout layout, io.tnet.model.Tensor theta,
                                   I8Tensor signs, io.tnet.model.Tensor bias, int scaleExp) {
        if (model.precision() == Precision.INT8) {
            return new Stage.ThresholdInt8(name, layout, ((I8Tensor) theta).toArray(), signs.toArray(),
                    ((I32Tensor) bias).toArray(), scaleExp);
        }
        return new Stage.ThresholdF32(name, layout, ((F32Tensor) theta).toArray(), signs.toArray(),
                ((F32Tensor) bias).toArray(), scaleExp);
    }

    private static Stage mi(Model model, String name, Layout layout, io.tnet.model.Tensor weights,
                            io.tnet.model.Tensor bias, int scaleExp, io.tnet.model.Activation activation) {
        if (model.precision() == Precision.INT8) {
            return new Stage.DenseInt8(name, layout, ((I8Tensor) weights).toArray(), ((I32Tensor) bias).toArray(),
                    scaleExp, activation);
        }
        return new Stage.DenseF32(name, layout, ((F32Tensor) weights).toArray(), ((F32Tensor) bias).toArray(),
                scaleExp, activation);
    }

    Lanes lanes() {
        return lanes;
    }

    /** The pool, or {@code null} for a single-threaded kernel. */
    WorkerPool pool() {
        if (pool != null && pool.isClosed()) {
            throw new IllegalStateException("this CpuKernel is closed");
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    static Lanes resolve(Simd simd) {
        return switch (simd) {
            case SCALAR -> ScalarLanes.INSTANCE;
            case BITS_512 -> VectorSupport.lanes(512);
            case BITS_256 -> VectorSupport.lanes(256);
            case BITS_128 -> VectorSupport.lanes(128);
            case AUTO -> VectorSupport.preferred();
        };
    }
}
