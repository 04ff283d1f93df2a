package io.tnet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs the external programs the tests use (promtool, prometheus, podman). */
final class Tools {

    private Tools() {
    }

    /** The program's path on {@code PATH} (or in /usr/sbin, /sbin, which a non-login PATH may lack). */
    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but fails with the install hint: CI installs every tool these tests use. */
    static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " not found on PATH: install Debian's "
                + debianPackage + " (scripts/install-prereqs.sh does)"));
    }

    /** Outcome of a finished command. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion (stdout and stderr merged), killing it after the timeout. */
    static Result run(List<String> command, Path workDir, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tnet-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("timed out after " + timeout + ": " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
