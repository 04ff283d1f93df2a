package io.tnet.kernel;

import io.tnet.model.Model;
import io.tnet.model.Precision;
import io.tnet.model.reference.IntegerOps;

/**
 * A {@link Model} compiled for the CPU: parameters repacked once, inference on batches.
 *
 * <p>Thread-safe: any number of threads may call {@link #infer} and {@link #inferInt8} at once. Each
 * calling thread gets its own activation buffers (grown to the largest batch it has seen, then reused,
 * so steady-state calls allocate nothing); the layer work of one call is split over the kernel's pool
 * into blocks of (rows, neurons) whose results do not depend on the split, so the output is the same
 * for every thread count. Int8 outputs are bit-exact with
 * {@link io.tnet.model.reference.ReferenceEvaluator}.
 */
public final class CompiledNetwork {

    private final Model model;
    private final Stage[] stages;
    private final CpuKernel kernel;
    private final Lanes lanes;
    private final int inSize;
    private final int outSize;
    private final int maxSize;
    private final double inputScale;
    private final ThreadLocal<CallScratch> scratch;

    CompiledNetwork(Model model, Stage[] stages, CpuKernel kernel) {
        this.model = model;
        this.stages = stages;
        this.kernel = kernel;
        this.lanes = kernel.lanes();
        this.inSize = model.input().shape().size();
        this.outSize = model.output().shape().size();
        int max = inSize;
        for (Stage s : stages) {
            max = Math.max(max, s.layout.outSize);
        }
        this.maxSize = max;
        this.inputScale = Math.scalb(1.0, model.quantization().inputFracBits());
        this.scratch = ThreadLocal.withInitial(() -> new CallScratch(Thread.currentThread()));
    }

    /** The model this network was compiled from. */
    public Model model() {
        return model;
    }

    /** The instruction width in use, e.g. {@code "vector-512"}. */
    public String simdDescription() {
        return lanes.describe();
    }

    /**
     * Full inference like {@link io.tnet.model.reference.ReferenceEvaluator#infer}: preprocessing, then
     * float evaluation, or quantization, int8 evaluation and dequantization.
     *
     * @param raw    {@code batch} raw samples back to back (at least {@code batch * inputSize} values)
     * @param batch  number of samples, at least 1
     * @param logits receives {@code batch * outputSize} values
     * @throws IllegalArgumentException for short arrays, a batch below 1, or a non-finite input of an int8 model
     */
    public void infer(float[] raw, int batch, float[] logits) {
        check(raw.length, logits.length, batch);
        CallScratch s = scratch.get();
        s.ensure(batch);
        int n = batch * inSize;
        if (model.precision() == Precision.FLOAT32) {
            float[] x = s.fa;
            for (int i = 0; i < n; i++) {
                x[i] = model.preprocessing().apply(raw[i]);
            }
            float[] in = x;
            for (int k = 0; k < stages.length; k++) {
                float[] dst = k == stages.length - 1 ? logits : (in == s.fa ? s.fb : s.fa);
                s.runF32(stages[k], in, dst, batch);
                in = dst;
            }
            if (stages.length == 0) {
                System.arraycopy(x, 0, logits, 0, batch * outSize);
            }
            return;
        }
        byte[] q = s.q;
        for (int i = 0; i < n; i++) {
            q[i] = quantize(model.preprocessing().apply(raw[i]));
        }
        byte[] out = s.qOut;
        runInt8(s, q, batch, out);
        int outBits = model.quantization().outputFracBits();
        for (int i = 0; i < batch * outSize; i++) {
            logits[i] = IntegerOps.dequantize(out[i], outBits);
        }
    }

    /**
     * Int8 inference on quantized inputs; output codes as {@link io.tnet.model.reference.ReferenceEvaluator#evaluateInt8}.
     *
     * @param q     {@code batch} quantized samples back to back
     * @param batch number of samples, at least 1
     * @param out   receives {@code batch * outputSize} codes
     * @throws IllegalStateException    if the model is not INT8
     * @throws IllegalArgumentException for short arrays or a batch below 1
     */
    public void inferInt8(byte[] q, int batch, byte[] out) {
        if (model.precision() != Precision.INT8) {
            throw new IllegalStateException("model '" + model.name() + "' is " + model.precision() + ", not INT8");
        }
        check(q.length, out.length, batch);
        CallScratch s = scratch.get();
        s.ensure(batch);
        runInt8(s, q, batch, out);
    }

    /**
     * {@link IntegerOps#quantize} with {@code scalb} replaced by a multiplication by the exact power of
     * two (the same double for every finite float: no overflow, no subnormal); the tests hold it to the
     * reference. Non-finite inputs go to the reference for its exception.
     */
    private byte quantize(float x) {
        if (!Float.isFinite(x)) {
            return IntegerOps.quantize(x, model.quantization().inputFracBits());
        }
        double v = Math.floor(x * inputScale + 0.5);
        return (byte) (v > 127 ? 127 : v < -128 ? -128 : v);
    }

    private void runInt8(CallScratch s, byte[] q, int batch, byte[] out) {
        byte[] in = q;
        for (int k = 0; k < stages.length; k++) {
            byte[] dst = k == stages.length - 1 ? out : (in == s.a ? s.b : s.a);
            s.runInt8(stages[k], in, dst, batch);
            in = dst;
        }
        if (stages.length == 0) {
            System.arraycopy(q, 0, out, 0, batch * outSize);
        }
    }

    /**
     * Runs the network on zero inputs at batch 1 and batch 4 (the two kernel shapes a call can take)
     * until {@code budget} has passed or 2,000 calls are done, so that the JIT compiles the hot loops
     * before real requests arrive. Until C2 has compiled them, Vector API loops run with every vector
     * boxed, orders of magnitude slower; compilation continues in the background after this returns.
     * Optional, idempotent and thread-safe; allocates its zero inputs once per call.
     */
    public void warmUp(java.time.Duration budget) {
        long end = System.nanoTime() + budget.toNanos();
        float[] raw = new float[4 * inSize];
        float[] logits = new float[4 * outSize];
        for (int i = 0; i < 2000 && System.nanoTime() < end; i++) {
            infer(raw, (i & 1) == 0 ? 1 : 4, logits);
        }
    }

    /**
     * Bytes held by the packed parameters (what stays resident per loaded model; per-thread activation
     * buffers are not counted). Int8 threshold layers take 1.125 bytes per synapse plus 8 bytes per
     * started 64 inputs of a neuron and 4 per neuron.
     */
    public long residentBytes() {
        long sum = 0;
        for (Stage s : stages) {
            sum += s.residentBytes();
        }
        return sum;
    }

    private void check(int inLength, int outLength, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if ((long) batch * inSize > inLength) {
            throw new IllegalArgumentException("input holds " + inLength + " values, a batch of " + batch
                    + " needs " + (long) batch * inSize);
        }
        if ((long) batch * outSize > outLength) {
            throw new IllegalArgumentException("output holds " + outLength + " values, a batch of " + batch
                    + " needs " + (long) batch * outSize);
        }
    }

    /** One calling thread's buffers and its reusable fork-join for this network. */
    private final class CallScratch implements ParallelJob.Body {
        private final ParallelJob job;
        private int capacity;
        byte[] a = new byte[0];
        byte[] b = new byte[0];
        byte[] q = new byte[0];
        byte[] qOut = new byte[0];
        float[] fa = new float[0];
        float[] fb = new float[0];

        // The layer being run; written by the owner before ParallelJob.run publishes it.
        private Stage stage;
        private byte[] in8;
        private byte[] out8;
        private float[] inF;
        private float[] outF;
        private int rows;
        private int rowChunk;
        private int neuronTasks;
        private int neuronChunk;

        CallScratch(Thread owner) {
            this.job = new ParallelJob(owner, this);
        }

        void ensure(int batch) {
            if (batch <= capacity) {
                return;
            }
            int size = Math.multiplyExact(batch, maxSize);
            if (model.precision() == Precision.INT8) {
                a = new byte[size];
                b = new byte[size];
                q = new byte[batch * inSize];
                qOut = new byte[batch * outSize];
            } else {
                fa = new float[size];
                fb = new float[size];
            }
            capacity = batch;
        }

        void runInt8(Stage st, byte[] in, byte[] out, int batch) {
            stage = st;
            in8 = in;
            out8 = out;
            inF = null;
            outF = null;
            dispatch(st, batch);
        }

        void runF32(Stage st, float[] in, float[] out, int batch) {
            stage = st;
            inF = in;
            outF = out;
            in8 = null;
            out8 = null;
            dispatch(st, batch);
        }

        private void dispatch(Stage st, int batch) {
            Layout l = st.layout;
            rows = batch * l.rowsPerSample;
            WorkerPool pool = kernel.pool();
            long work = (long) rows * l.neurons * l.n;
            int maxTasks = pool == null ? 1 : (int) Math.min((pool.helperCount() + 1) * 4L, Math.max(1, work / kernel.minTaskWork()));
            // Split neurons first: each task then streams only its share of the parameters and reuses it
            // over all its rows; split rows (in blocks of MAX_ROWS) only when neurons run out.
            int nt = Math.min(maxTasks, Math.max(1, l.neurons / 8));
            int rowBlocks = (rows + Lanes.MAX_ROWS - 1) / Lanes.MAX_ROWS;
            int rt = Math.max(1, Math.min(maxTasks / nt, rowBlocks));
            neuronChunk = (l.neurons + nt - 1) / nt;
            neuronTasks = (l.neurons + neuronChunk - 1) / neuronChunk;
            rowChunk = (rowBlocks + rt - 1) / rt * Lanes.MAX_ROWS;
            int rowTasks = (rows + rowChunk - 1) / rowChunk;
            int tasks = rowTasks * neuronTasks;
            if (tasks == 1) {
                runTask(0, WorkerScratch.current());
            } else {
                job.run(tasks, pool, pool.helperCount());
            }
        }

        @Override
        public void runTask(int task, WorkerScratch ws) {
            int rt = task / neuronTasks;
            int nt = task - rt * neuronTasks;
            int r0 = rt * rowChunk;
            int r1 = Math.min(rows, r0 + rowChunk);
            int j0 = nt * neuronChunk;
            int j1 = Math.min(stage.layout.neurons, j0 + neuronChunk);
            if (in8 != null) {
                stage.runInt8(in8, out8, r0, r1, j0, j1, lanes, ws);
            } else {
                stage.runF32(inF, outF, r0, r1, j0, j1, lanes, ws);
            }
        }
    }
}
