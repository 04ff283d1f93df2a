package io.tnet.fpga.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the RTL tools (iverilog, vvp, verilator, yosys) for tests; a missing tool fails the test. */
final class RtlTools {

    /** Module root (surefire runs with the module as working directory). */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path BENCHES = MODULE.resolve("src/test/rtl");
    static final Path WORK = MODULE.resolve("target/rtl-tests");

    private RtlTools() {
    }

    /** Result of a process: exit code and merged output. */
    record Run(int exit, String output) {
    }

    static Run run(Path dir, long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = Files.createTempFile(WORK.getParent(), "rtl", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Run run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(dir, timeoutSeconds, List.of(command));
    }

    /** Writes a generated design for {@code config} under {@code WORK/<name>} and returns its rtl directory. */
    static Path generate(String name, AcceleratorConfig config) throws IOException {
        Path dir = WORK.resolve(name);
        DesignWriter.write(AcceleratorDesign.of(config), dir);
        return dir.resolve("rtl");
    }

    /** The generated RTL sources of a design directory, in files.f order. */
    static List<String> sources(Path rtl) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(rtl.resolve("files.f"))) {
            if (!line.isBlank()) {
                out.add(rtl.resolve(line.strip()).toString());
            }
        }
        return out;
    }
}
