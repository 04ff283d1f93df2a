package io.tnet.service.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tnet.model.format.ModelWriter;
import io.tnet.service.ServiceException;
import io.tnet.service.backend.Dispatcher;
import io.tnet.service.metrics.TnetMetrics;
import io.tnet.service.support.InMemoryModelSource;
import io.tnet.service.support.ServiceTestModels;
import io.tnet.service.support.SlowBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Version policies, readiness, atomic reload and draining, without HTTP. */
class ModelManagerTest {

    /** Plain threads: the common pool has one thread on a 2-core machine and requests park while they wait. */
    static final java.util.concurrent.ExecutorService EXEC = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    final SlowBackend slow = new SlowBackend();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TnetMetrics metrics = new TnetMetrics(registry);
    final InMemoryModelSource source = new InMemoryModelSource();
    ModelManager manager;

    ModelManager manager(String backendOverride) {
        Dispatcher d = new Dispatcher(List.of(new io.tnet.service.backend.cpu.CpuBackend(
                new io.tnet.service.energy.CpuEnergyMeter(new io.tnet.service.energy.EnergyProperties(false,
                        java.nio.file.Path.of("/nonexistent"), java.nio.file.Path.of("/proc/stat"), 10, Duration.ofSeconds(1))),
                new io.tnet.service.backend.cpu.CpuBackendProperties(1, java.time.Duration.ZERO)), slow), metrics);
        ModelsProperties props = new ModelsProperties(null, backendOverride,
                new ModelsProperties.Batching(null, null, null, null, null),
                new ModelsProperties.Auth("", null, false), DataSize.ofMegabytes(1), Duration.ofSeconds(10));
        manager = new ModelManager(source, d, metrics, props);
        return manager;
    }

    @AfterEach
    void tearDown() {
        slow.open();
        if (manager != null && manager.isRunning()) {
            manager.stop();
        }
    }

    static ModelSettings settings(String backend, ModelSettings.VersionPolicy policy, boolean load) {
        return new ModelSettings(backend, policy, ModelSettings.DEFAULT_BATCHING, load);
    }

    @Test
    void versionPoliciesSelectVersions() {
        for (int v = 1; v <= 4; v++) {
            source.put("latest", v, ServiceTestModels.argmax("latest", 3));
            source.put("all", v, ServiceTestModels.argmax("all", 3));
            source.put("some", v, ServiceTestModels.argmax("some", 3));
        }
        source.settings("latest", settings("cpu", new ModelSettings.VersionPolicy.Latest(2), true));
        source.settings("all", settings("cpu", new ModelSettings.VersionPolicy.All(), true));
        source.settings("some", settings("cpu", new ModelSettings.VersionPolicy.Specific(List.of(1, 3, 9)), true));
        manager("").start();
        assertThat(manager.entry("latest", false).orElseThrow().versions().keySet()).containsExactlyInAnyOrder(3, 4);
        assertThat(manager.entry("all", false).orElseThrow().versions().keySet()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(manager.entry("some", false).orElseThrow().versions().keySet()).containsExactlyInAnyOrder(1, 3);
        assertThat(manager.isReady()).isTrue();
        assertThat(manager.find("latest", Optional.empty()).version()).isEqualTo(4);
        assertThatThrownBy(() -> manager.find("latest", Optional.of(1))).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).status()).isEqualTo(ServiceException.Status.NOT_FOUND);
        assertThat(manager.index(false)).anySatisfy(row -> {
            assertThat(row.get("name")).isEqualTo("latest");
            assertThat(row.get("version")).isEqualTo("1");
            assertThat(row.get("reason")).isEqualTo("not selected by the version policy");
        });
    }

    @Test
    void notReadyUntilEveryModelConfiguredToLoadIsLoaded() {
        source.put("good", 1, ServiceTestModels.argmax("good", 3));
        source.putBytes("bad", 1, new byte[]{1, 2, 3});
        ModelManager m = manager("");
        assertThat(m.isReady()).isFalse(); // not started
        m.start();
        assertThat(m.isReady()).isFalse();
        assertThat(m.notReady()).containsKey("bad");
        m.unload("bad");
        assertThat(m.isReady()).isTrue();
    }

    @Test
    void explicitFpgaWithoutDeviceIsUnavailableWithReason() {
        source.put("m", 1, ServiceTestModels.argmax("m", 3));
        manager("fpga").start();
        assertThat(manager.isReady()).isFalse();
        assertThat(manager.notReady().get("m")).contains("unavailable: no fpga backend is installed");
        assertThatThrownBy(() -> manager.acquire("m", Optional.empty())).isInstanceOf(ServiceException.class)
                .hasMessageContaining("not ready");
    }

    @Test
    void failedReloadKeepsTheOldVersionServing() {
        source.put("m", 1, ServiceTestModels.argmax("m", 3));
        manager("").start();
        source.putBytes("m", 2, "broken".getBytes());
        assertThatThrownBy(() -> manager.load("m")).isInstanceOf(ServiceException.class).hasMessageContaining("invalid");
        assertThat(manager.find("m", Optional.empty()).version()).isEqualTo(1);
        assertThat(manager.isReady()).isTrue();
    }

    @Test
    void reloadSwapsAtomicallyAndTheOldVersionDrainsBeforeClosing() throws Exception {
        source.put("m", 1, ServiceTestModels.argmax("m", 3));
        source.settings("m", new ModelSettings("slow", new ModelSettings.VersionPolicy.Latest(1),
                new ModelSettings.Batching(true, 4, 0, 16, 10_000), true));
        manager("").start();
        slow.close();
        LoadedVersion v1 = manager.acquire("m", Optional.empty());
        CompletableFuture<Execution> inFlight = CompletableFuture.supplyAsync(() -> v1.infer(new float[]{0, 2, 1}, 1), EXEC);
        assertThat(slow.awaitStarted(5000)).isTrue();
        // upload v2 while v1 has a request running: v2 serves new requests at once
        manager.upload("m", 2, ModelWriter.toBytes(ServiceTestModels.argmax("m", 3)), false);
        assertThat(manager.find("m", Optional.empty()).version()).isEqualTo(2);
        assertThat(v1.acquire()).isFalse(); // retired: no new work
        assertThat(inFlight).isNotDone();
        slow.open();
        Execution e = inFlight.get();
        assertThat(e.logits()[1]).isEqualTo(2f);
        v1.release();
        LoadedVersion v2 = manager.acquire("m", Optional.empty());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.infer(new float[]{5, 0, 1}, 1).logits()[0]).isEqualTo(5f);
        v2.release();
    }

    @Test
    void shutdownWaitsForInFlightRequests() throws Exception {
        source.put("m", 1, ServiceTestModels.argmax("m", 3));
        source.settings("m", new ModelSettings("slow", new ModelSettings.VersionPolicy.Latest(1),
                new ModelSettings.Batching(true, 4, 0, 16, 10_000), true));
        manager("").start();
        slow.close();
        LoadedVersion v = manager.acquire("m", Optional.empty());
        CompletableFuture<Execution> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return v.infer(new float[]{0, 0, 4}, 1);
            } finally {
                v.release();
            }
        }, EXEC);
        assertThat(slow.awaitStarted(5000)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(manager::stop, EXEC);
        Thread.sleep(200);
        assertThat(manager.isReady()).isFalse();
        assertThat(stopping).isNotDone(); // draining
        assertThatThrownBy(() -> manager.acquire("m", Optional.empty())).hasMessageContaining("shutting down");
        slow.open();
        assertThat(inFlight.get().logits()[2]).isEqualTo(4f);
        stopping.get();
        assertThat(manager.isRunning()).isFalse();
    }

    @Test
    void batchingGroupsConcurrentRequests() throws Exception {
        source.put("m", 1, ServiceTestModels.argmax("m", 3));
        source.settings("m", new ModelSettings("slow", new ModelSettings.VersionPolicy.Latest(1),
                new ModelSettings.Batching(true, 8, 0, 64, 10_000), true));
        manager("").start();
        slow.close();
        LoadedVersion v = manager.acquire("m", Optional.empty());
        // the first request leads (held at the gate); the next five queue up and run as one batch
        List<CompletableFuture<Execution>> futures = new java.util.ArrayList<>();
        futures.add(CompletableFuture.supplyAsync(() -> v.infer(new float[]{1, 0, 0}, 1), EXEC));
        assertThat(slow.awaitStarted(5000)).isTrue();
        for (int i = 0; i < 5; i++) {
            float[] x = {0, 0, 0};
            x[i % 3] = i + 1;
            futures.add(CompletableFuture.supplyAsync(() -> v.infer(x, 1), EXEC));
        }
        Thread.sleep(300); // let the five reach the queue behind the held batch
        slow.open();
        for (CompletableFuture<Execution> f : futures) {
            f.get();
        }
        assertThat(futures.get(5).get().batchSize()).isEqualTo(5);
        assertThat(futures.get(5).get().logits()[1]).isEqualTo(5f);
        assertThat(slow.batches()).isEqualTo(2);
        v.release();
    }
}
