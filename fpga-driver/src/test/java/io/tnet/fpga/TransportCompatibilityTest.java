package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.fpga.gen.AcceleratorDesign;
import io.tnet.fpga.gen.CycleModel;
import io.tnet.fpga.gen.MemoryMap;
import io.tnet.fpga.gen.MemoryRegion;
import io.tnet.model.Model;
import io.tnet.model.reference.ReferenceEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transport compatibility kit: every transport ({@code mock:}, {@code xdma:}, {@code sim:})
 * extends this class and must pass the same contract through {@link FpgaDevice} and the JNA
 * binding: identification, memory map, memory round trips, bit-exact inference of random networks
 * against the reference evaluator with the generator's exact cycle and operation counts, device
 * errors, timeouts, concurrent use and closing.
 */
abstract class TransportCompatibilityTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Configurations exercised: the reference one and small ones with padding in every dimension. */
    static Stream<AcceleratorConfig> configs() {
        return Stream.of(
                AcceleratorConfig.DEFAULT,
                AcceleratorConfig.DEFAULT.withParallelism(4, 8).withDepths(512, 64, 256, 64),
                new AcceleratorConfig(2, 16, 8, 20, 64, 64, 4, 1024, 32, 64, 32, 100));
    }

    /** URI of a device of this transport behaving like the RTL generated from {@code config}. */
    abstract String uri(AcceleratorConfig config);

    /** URI of a device of this transport that will not complete its first run within a short timeout. */
    abstract String stuckUri(AcceleratorConfig config);

    /** The transport name the C library reports. */
    abstract String transportName();

    /** Random networks for {@code config}: shapes with padding in PE and SIMD, one to three layers. */
    static List<Model> networks(AcceleratorConfig c) {
        int maxIn = Math.min(c.maxInputs(), 200), maxOut = Math.min(c.maxOutputs(), 40);
        return List.of(
                TestNetworks.mlp(1, Math.min(37, maxIn), Math.min(11, maxOut)),
                TestNetworks.mlp(2, maxIn, maxOut, Math.min(10, maxOut)),
                TestNetworks.mlp(3, 5, 3, Math.min(17, maxOut), 2),
                TestNetworks.mlpWithFlatten(4, 4, 6, Math.min(9, maxOut)));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void describesItselfLikeTheGeneratedDesign(AcceleratorConfig config) {
        AcceleratorDesign design = AcceleratorDesign.of(config);
        try (FpgaDevice d = FpgaDevice.open(uri(config), design.manifest().hash32())) {
            DeviceInfo info = d.info();
            assertThat(info.transport()).isEqualTo(transportName());
            assertThat(info.config()).isEqualTo(config);
            assertThat(info.manifestHash()).isEqualTo(design.manifest().hash32());
            assertThat(info.versionMajor()).isEqualTo(1);
            for (MemoryRegion r : design.memoryMap().regions()) {
                assertThat(info.region(r.name())).isEqualTo(new DeviceInfo.Region(r.name(), r.base(), r.size()));
            }
        }
    }

    @Test
    void refusesAManifestHashMismatch() {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT;
        int wrong = AcceleratorDesign.of(c).manifest().hash32() ^ 0x10;
        assertThatThrownBy(() -> FpgaDevice.open(uri(c), wrong))
                .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.EMISMATCH))
                .hasMessageContaining("MANIFEST_HASH");
    }

    /** Whether the transport refuses host writes to OUT like the RTL (the file-backed fake card cannot). */
    boolean refusesWritesToOut() {
        return true;
    }

    @Test
    void memoryRoundTripsInEveryHostWritableRegion() {
        AcceleratorConfig c = configs().toList().get(1);
        try (FpgaDevice d = FpgaDevice.open(uri(c))) {
            int k = 0;
            DeviceInfo.Region out = d.info().region(MemoryMap.OUT);
            if (refusesWritesToOut()) {
                assertThatThrownBy(() -> d.writeMemory(out.base(), new byte[4]))
                        .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.ERANGE));
            }
            assertThat(d.readMemory(out.base(), (int) out.size())).hasSize((int) out.size());
            for (DeviceInfo.Region r : d.info().regions()) {
                if (r.name().equals(MemoryMap.OUT)) {
                    continue; // written by the accelerator only
                }
                byte[] data = TestNetworks.samples(++k, (int) Math.min(r.size(), 300) & ~3, 1);
                long at = r.base() + (r.size() - data.length) / 8 * 4;
                d.writeMemory(at, data);
                assertThat(d.readMemory(at, data.length)).as(r.name()).isEqualTo(data);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void randomNetworksAreBitExactWithTheReference(AcceleratorConfig config) {
        try (FpgaDevice d = FpgaDevice.open(uri(config))) {
            long seed = 100;
            for (Model m : networks(config)) {
                FpgaModel fm = FpgaModel.load(d, m);
                int inputs = m.input().shape().size(), outputs = m.output().shape().size();
                for (int batch : new int[] {1, 3, Math.min(fm.packed().maxBatch(), 7)}) {
                    byte[] q = TestNetworks.samples(seed++, batch, inputs);
                    FpgaModel.Int8Result r = fm.inferInt8(q, batch, TIMEOUT);
                    for (int b = 0; b < batch; b++) {
                        byte[] x = java.util.Arrays.copyOfRange(q, b * inputs, (b + 1) * inputs);
                        byte[] y = java.util.Arrays.copyOfRange(r.output(), b * outputs, (b + 1) * outputs);
                        assertThat(y).as("%s batch %d sample %d", m.name(), batch, b)
                                .isEqualTo(ReferenceEvaluator.evaluateInt8(m, x));
                    }
                    assertThat(r.stats().cycles()).isEqualTo(CycleModel.cycles(fm.packed(), batch));
                    assertThat(r.stats().ops()).isEqualTo(fm.packed().opsPerSample() * batch);
                    assertThat(r.stats().errorCode()).isZero();
                }
            }
        }
    }

    @Test
    void splitsBatchesLargerThanTheBuffersAndDequantizes() {
        AcceleratorConfig c = configs().toList().get(2);
        Model m = TestNetworks.mlp(7, 64, 20, 6);
        try (FpgaDevice d = FpgaDevice.open(uri(c))) {
            FpgaModel fm = FpgaModel.load(d, m);
            int batch = fm.packed().maxBatch() * 2 + 1;
            float[] raw = new float[batch * 64];
            java.util.Random r = new java.util.Random(5);
            for (int i = 0; i < raw.length; i++) {
                raw[i] = r.nextFloat() * 2 - 1;
            }
            FpgaModel.Result res = fm.infer(raw, batch, TIMEOUT);
            for (int b = 0; b < batch; b++) {
                float[] expected = ReferenceEvaluator.infer(m, java.util.Arrays.copyOfRange(raw, b * 64, b * 64 + 64));
                assertThat(java.util.Arrays.copyOfRange(res.logits(), b * 6, b * 6 + 6)).isEqualTo(expected);
            }
            assertThat(res.stats().samples()).isEqualTo(batch);
        }
    }

    @Test
    void reportsDeviceErrorsAndRecovers() {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT;
        Model m = TestNetworks.mlp(9, 30, 12);
        try (FpgaDevice d = FpgaDevice.open(uri(c))) {
            FpgaModel fm = FpgaModel.load(d, m);
            long desc = d.info().region(MemoryMap.DESC).base();
            d.writeMemory(desc, new byte[] {7, 0, 0, 0}); // kind 7: bad descriptor
            assertThatThrownBy(() -> d.run(1, 1, TIMEOUT))
                    .isInstanceOfSatisfying(FpgaException.class, e -> {
                        assertThat(e.status()).isEqualTo(FpgaException.EDEVICE);
                        assertThat(e.isDeviceFault()).isTrue();
                    })
                    .hasMessageContaining("ERROR register is 1");
            assertThatThrownBy(() -> d.run(c.maxLayers() + 1, 1, TIMEOUT))
                    .hasMessageContaining("ERROR register is 6");
            // the model re-uploads its images when another writer touched the card: here, force it
            FpgaModel other = FpgaModel.load(d, TestNetworks.mlp(10, 8, 4));
            byte[] q = TestNetworks.samples(3, 2, 30);
            FpgaModel.Int8Result r = fm.inferInt8(q, 2, TIMEOUT);
            assertThat(java.util.Arrays.copyOfRange(r.output(), 0, 12))
                    .isEqualTo(ReferenceEvaluator.evaluateInt8(m, java.util.Arrays.copyOfRange(q, 0, 30)));
            assertThat(other.model().name()).isEqualTo("random10");
        }
    }

    @Test
    void aStuckDeviceTimesOutInsteadOfHanging() {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT;
        Model m = TestNetworks.mlp(11, 700, 64, 10);
        try (FpgaDevice d = FpgaDevice.open(stuckUri(c))) {
            FpgaModel fm = FpgaModel.load(d, m);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> fm.inferInt8(TestNetworks.samples(1, 1, 700), 1, Duration.ofMillis(100)))
                    .isInstanceOfSatisfying(FpgaException.class, e -> {
                        assertThat(e.isTimeout()).isTrue();
                        assertThat(e.isDeviceFault()).isTrue();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void oneDeviceServesManyThreadsAndModels() throws Exception {
        AcceleratorConfig c = configs().toList().get(1);
        Model a = TestNetworks.mlp(21, 50, 16, 5), b = TestNetworks.mlp(22, 24, 7);
        try (FpgaDevice d = FpgaDevice.open(uri(c)); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            FpgaModel fa = FpgaModel.load(d, a), fb = FpgaModel.load(d, b);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 15; k++) {
                        FpgaModel fm = (k + seed) % 2 == 0 ? fa : fb;
                        int n = fm.model().input().shape().size();
                        byte[] q = TestNetworks.samples(seed * 100L + k, 1, n);
                        if (!java.util.Arrays.equals(fm.inferInt8(q, 1, TIMEOUT).output(),
                                ReferenceEvaluator.evaluateInt8(fm.model(), q))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        FpgaDevice d = FpgaDevice.open(uri(AcceleratorConfig.DEFAULT));
        d.close();
        d.close();
        assertThat(d.isClosed()).isTrue();
        assertThatThrownBy(() -> d.readRegister(0x10)).isInstanceOf(FpgaException.class).hasMessageContaining("closed");
    }
}
