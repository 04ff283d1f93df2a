package io.tnet.model.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.model.InvalidModelException;
import io.tnet.model.Model;
import io.tnet.model.TestModels;
import io.tnet.model.format.ModelWriter;
import io.tnet.model.repository.ModelRepositoryException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelRepositoryTest {

    @TempDir
    Path root;

    @Test
    void publishedVersionsAreListedAndLoaded() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        Model a = TestModels.floatMlp(1);
        Model b = TestModels.int8Mlp(2);
        repo.publish("mlp", 2, ModelWriter.toBytes(b));
        repo.publish("mlp", 10, ModelWriter.toBytes(a));
        repo.publish("mlp", 1, ModelWriter.toBytes(a));
        repo.publish("other.v2", 1, ModelWriter.toBytes(b));

        assertThat(root.resolve("mlp/2/model.safetensors")).isRegularFile();
        assertThat(repo.listModels()).containsExactly("mlp", "other.v2");
        assertThat(repo.versions("mlp")).containsExactly(1, 2, 10);
        assertThat(repo.load("mlp", 2)).isEqualTo(b);
        assertThat(repo.load("mlp", 10)).isEqualTo(a);
        assertThat(repo.versions("absent")).isEmpty();
        assertThatThrownBy(() -> repo.load("mlp", 3)).isInstanceOfSatisfying(ModelRepositoryException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void listingIgnoresWhatIsNotAModelVersion() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        repo.publish("m", 3, ModelWriter.toBytes(TestModels.floatMlp(1)));
        Files.createDirectories(root.resolve("m/01"));
        Files.copy(root.resolve("m/3/model.safetensors"), root.resolve("m/01/model.safetensors"));
        Files.createDirectories(root.resolve("m/0"));
        Files.createDirectories(root.resolve("m/4"));             // no model file yet
        Files.createDirectories(root.resolve("m/99999999999"));   // beyond int
        Files.createDirectories(root.resolve("m/latest"));
        Files.writeString(root.resolve("m/.model.safetensors.x.tmp"), "partial");
        Files.createDirectories(root.resolve(".hidden"));
        Files.writeString(root.resolve("README"), "not a model");
        assertThat(repo.versions("m")).containsExactly(3);
        assertThat(repo.listModels()).containsExactly("m");
        assertThat(new ModelRepository(root.resolve("missing")).listModels()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../etc", "a/b", "a\\b", "/etc/passwd", "..%2f", ".hidden", "-rf", " a",
        "a b", "a\u0000b", "ü", "C:x"})
    void rejectsUnsafeNames(String name) {
        ModelRepository repo = new ModelRepository(root);
        byte[] bytes = ModelWriter.toBytes(TestModels.floatMlp(1));
        for (Runnable op : List.<Runnable>of(() -> repo.publish(name, 1, bytes), () -> repo.load(name, 1),
                () -> repo.versions(name), () -> repo.config(name), () -> repo.writeConfig(name, ModelConfig.DEFAULTS))) {
            assertThatThrownBy(op::run).isInstanceOfSatisfying(ModelRepositoryException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void boundsNameLengthAndVersion() {
        ModelRepository repo = new ModelRepository(root);
        assertThat(ModelRepository.isValidName("a".repeat(ModelRepository.MAX_NAME_LENGTH))).isTrue();
        assertThat(ModelRepository.isValidName("a".repeat(ModelRepository.MAX_NAME_LENGTH + 1))).isFalse();
        assertThat(ModelRepository.isValidName(null)).isFalse();
        byte[] bytes = ModelWriter.toBytes(TestModels.floatMlp(1));
        for (int v : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> repo.publish("m", v, bytes)).isInstanceOfSatisfying(ModelRepositoryException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        }
        repo.publish("m", Integer.MAX_VALUE, bytes);
        assertThat(repo.versions("m")).containsExactly(Integer.MAX_VALUE);
    }

    @Test
    void invalidBytesAreNeverPublished() {
        ModelRepository repo = new ModelRepository(root);
        byte[] bytes = ModelWriter.toBytes(TestModels.floatMlp(1));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> repo.publish("m", 1, truncated)).isInstanceOf(InvalidModelException.class);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void configDefaultsWhenAbsentAndRoundTrips() {
        ModelRepository repo = new ModelRepository(root);
        assertThat(repo.config("m")).isEqualTo(ModelConfig.DEFAULTS);
        ModelConfig c = new ModelConfig(ModelConfig.Backend.FPGA, new ModelConfig.VersionPolicy.Specific(List.of(1, 3)),
                new ModelConfig.Batching(false, 8, 0, 16, 250), false);
        repo.writeConfig("m", c);
        assertThat(repo.config("m")).isEqualTo(c);
        repo.writeConfig("m", ModelConfig.DEFAULTS);
        assertThat(repo.config("m")).isEqualTo(ModelConfig.DEFAULTS);
    }

    @Test
    void servedVersionsFollowThePolicy() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        byte[] bytes = ModelWriter.toBytes(TestModels.floatMlp(1));
        for (int v : new int[] {1, 2, 3, 5}) {
            repo.publish("m", v, bytes);
        }
        assertThat(repo.servedVersions("m")).containsExactly(5);
        Files.writeString(root.resolve("m/config.json"), "{\"versionPolicy\": {\"latest\": {\"numVersions\": 2}}}");
        assertThat(repo.servedVersions("m")).containsExactly(3, 5);
        Files.writeString(root.resolve("m/config.json"), "{\"versionPolicy\": {\"all\": {}}}");
        assertThat(repo.servedVersions("m")).containsExactly(1, 2, 3, 5);
        Files.writeString(root.resolve("m/config.json"), "{\"versionPolicy\": {\"specific\": {\"versions\": [5, 1, 4]}}}");
        assertThat(repo.servedVersions("m")).containsExactly(1, 5);
    }

    /**
     * Writers keep replacing version 1 with model A or B while readers load it: every read must be A or
     * B, complete and valid. A non-atomic publish (write in place) fails this within a few iterations.
     */
    @Test
    void concurrentReadersSeeOldOrNewVersionNeverAPartialOne() throws Exception {
        ModelRepository repo = new ModelRepository(root);
        Model a = TestModels.cnn(1, false);
        Model b = TestModels.cnn(2, true);
        byte[] bytesA = ModelWriter.toBytes(a);
        byte[] bytesB = ModelWriter.toBytes(b);
        repo.publish("m", 1, bytesA);
        int writers = 2;
        int readers = 3;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        repo.publish("m", 1, (i + id) % 2 == 0 ? bytesA : bytesB);
                        repo.publish("m", 2 + id * rounds + i, bytesB);   // new versions appear meanwhile
                    }
                    return null;
                }));
            }
            for (int r = 0; r < readers; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        try {
                            Model m = repo.load("m", 1);
                            seen.add(m.name());
                            if (!m.equals(a) && !m.equals(b)) {
                                failures.add(new AssertionError("read a model that is neither A nor B"));
                            }
                            for (int v : repo.versions("m")) {
                                repo.load("m", v);    // a listed version must always load
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(seen).hasSize(readers * rounds);
        assertThat(Set.copyOf(seen)).isSubsetOf("cnn", "cnn8");
        assertThat(repo.versions("m")).hasSize(1 + writers * rounds);
        try (var files = Files.list(root.resolve("m/1"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("model.safetensors");
        }
    }
}
