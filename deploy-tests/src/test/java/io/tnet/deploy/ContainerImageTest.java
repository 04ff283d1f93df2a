package io.tnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service image really built (podman/buildah, from the locally built debootstrap base) and started
 * through Testcontainers over podman's Docker-compatible socket, with a read-only root filesystem and
 * only /tmp writable; then readiness and an inference are checked. Skipped, with the reason, only where
 * no container engine (podman) is installed.
 */
class ContainerImageTest {

    static final String IMAGE = "localhost/tnet-service:deploy-test";

    @Test
    void imageBuildsAndServesInferenceWithAReadOnlyRootFilesystem() throws Exception {
        Path podman = Tools.find("podman").orElse(null);
        if (podman == null) {
            abort("no container engine: podman is not installed (scripts/install-prereqs.sh installs it); "
                    + "image build and start not tested");
        }
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost == null || !dockerHost.startsWith("unix://")) {
            abort("DOCKER_HOST (unix socket for podman's API) not set: run through Maven (deploy-tests/pom.xml sets it)");
        }
        Path root = RepoPaths.root();
        Path containersConf = root.resolve("docker/containers.conf");
        Path work = root.resolve("deploy-tests/target/container-test");
        Files.createDirectories(work);

        Tools.Result build = runLogged(List.of(root.resolve("docker/build-image.sh").toString()), root,
                Map.of("TNET_IMAGE", IMAGE, "TNET_SERVICE_JAR", RepoPaths.serviceJar().toString(),
                        "CONTAINERS_CONF", containersConf.toString()),
                work.resolve("build-image.log"), Duration.ofMinutes(8));
        assertThat(build.exitCode()).as("docker/build-image.sh:\n%s", build.output()).isZero();

        Path socket = Path.of(URI.create(dockerHost.replace("unix://", "file://")));
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        ProcessBuilder api = new ProcessBuilder(podman.toString(), "system", "service", "--time=0", dockerHost)
                .redirectErrorStream(true).redirectOutput(work.resolve("podman-service.log").toFile());
        api.environment().put("CONTAINERS_CONF", containersConf.toString());
        Process apiProcess = api.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(socket).as("podman API socket").exists();

            try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                    .withExposedPorts(8080)
                    // The mock transport is the C driver's model of the card: it proves the native
                    // library in /opt/tnet/lib loads inside the image (the fpga backend reports up).
                    .withEnv("TNET_BACKEND_FPGA_DEVICE", "mock")
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                            .withReadonlyRootfs(true)
                            .withTmpFs(Map.of("/tmp", "rw,size=256m")))
                    .waitingFor(Wait.forHttp("/v2/health/ready").forStatusCode(200)
                            .withStartupTimeout(Duration.ofMinutes(4)))) {
                container.start();

                var config = container.getContainerInfo().getConfig();
                assertThat(config.getUser()).isEqualTo("10001:10001");
                assertThat(container.getContainerInfo().getHostConfig().getReadonlyRootfs()).isTrue();
                assertThat(config.getHealthcheck()).as("HEALTHCHECK kept (docker format)").isNotNull();
                assertThat(config.getEnv()).anyMatch(e -> e.startsWith("TNET_JVM_FLAGS=")
                        && e.contains("--add-modules jdk.incubator.vector"));

                var lib = container.execInContainer("/bin/ls", "/opt/tnet/lib");
                assertThat(lib.getStdout()).as("native driver library in the image").contains("libtnet_driver.so");

                // The image's own healthcheck script agrees with the probe.
                var health = container.execInContainer("/opt/tnet/bin/healthcheck");
                assertThat(health.getExitCode()).as(health.getStderr()).isZero();

                String base = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
                HttpClient http = HttpClient.newHttpClient();
                var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);

                String model = "mnist-tn-mlp";
                Path examples = root.resolve("docs/examples");
                String request = Files.readString(examples.resolve(model + ".json"));
                JsonNode expected = JsonMapper.builder().build().readTree(examples.resolve(model + ".expected.json").toFile());
                var response = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/" + model + "/infer"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = JsonMapper.builder().build().readTree(response.body());
                assertThat(body.get("model_name").asString()).isEqualTo(model);
                assertThat(argmax(body.at("/outputs/0/data"))).as("predicted class").isEqualTo(expected.get("predicted").asInt());

                var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics.lines().filter(l -> l.startsWith("tnet_backend_up{") && l.contains("backend=\"fpga\"")))
                        .as("fpga backend (mock transport through the image's native library)")
                        .singleElement().satisfies(l -> assertThat(l).endsWith(" 1.0"));
            }
        } finally {
            apiProcess.destroy();
            if (!apiProcess.waitFor(20, TimeUnit.SECONDS)) {
                apiProcess.destroyForcibly();
            }
        }
    }

    private static int argmax(JsonNode data) {
        int best = 0;
        for (int i = 1; i < data.size(); i++) {
            if (data.get(i).asDouble() > data.get(best).asDouble()) {
                best = i;
            }
        }
        return best;
    }

    private static Tools.Result runLogged(List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("timed out after " + timeout + ": " + command + "\n" + Files.readString(log));
        }
        return new Tools.Result(p.exitValue(), Files.readString(log));
    }
}
