package io.tnet.fpga;

import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.fpga.gen.AcceleratorDesign;
import io.tnet.fpga.gen.DesignWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the simulation library of a generated accelerator: generates the RTL for an
 * {@link AcceleratorConfig}, then Verilates it together with the harness ({@code tnsim_harness.cpp},
 * which exports {@code tnet_sim_model.h}) into {@code libtnsim.so}, the file a {@code sim:} URI names.
 *
 * <p>Builds are cached in {@code <cacheRoot>/<config digest>/}, keyed by a SHA-256 over every
 * generated source, the harness and the Verilator version; a build in progress is guarded by a file
 * lock, so concurrent callers (threads or JVMs) build once. Needs {@code verilator} and a C++
 * compiler on the PATH; {@link #availability()} says whether they are there.
 */
public final class SimulationBuilder {

    /** Name of the built library inside a cache entry. */
    public static final String LIBRARY = "libtnsim.so";
    private static final long BUILD_TIMEOUT_SECONDS = 1200;

    private SimulationBuilder() {
    }

    /** Whether Verilator can be run: available with its version, or the reason it cannot. */
    public static NativeDriver.Availability availability() {
        try {
            String v = run(Path.of(System.getProperty("java.io.tmpdir")), 60, List.of("verilator", "--version")).strip();
            return v.startsWith("Verilator") ? new NativeDriver.Availability(true, v)
                    : new NativeDriver.Availability(false, "verilator --version printed: " + v);
        } catch (IOException | RuntimeException e) {
            return new NativeDriver.Availability(false, "verilator not runnable: " + e.getMessage());
        }
    }

    /**
     * The simulation library for {@code config}, built if not cached yet.
     *
     * @throws IOException           if files cannot be written
     * @throws IllegalStateException if Verilator fails (with its output)
     */
    public static Path build(AcceleratorConfig config, Path cacheRoot) throws IOException {
        AcceleratorDesign design = AcceleratorDesign.of(config);
        String key = design.manifest().sha256().substring(0, 16) + "-pe" + config.pe() + "-simd" + config.simd();
        Path dir = cacheRoot.toAbsolutePath().normalize().resolve(key);
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            DesignWriter.write(design, dir);
            copyResource("tnsim_harness.cpp", dir.resolve("sim/tnsim_harness.cpp"));
            copyResource("tnet_sim_model.h", dir.resolve("sim/tnet_sim_model.h"));
            Path rtl = dir.resolve("rtl");
            List<String> sources = new ArrayList<>();
            for (String line : Files.readAllLines(rtl.resolve("files.f"))) {
                if (!line.isBlank()) {
                    sources.add(rtl.resolve(line.strip()).toString());
                }
            }
            String stamp = stamp(sources, dir, availability().reason());
            Path lib = dir.resolve("obj").resolve(LIBRARY);
            Path stampFile = dir.resolve("obj/stamp");
            if (Files.exists(lib) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return lib;
            }
            List<String> cmd = new ArrayList<>(List.of("verilator", "--cc", "--exe", "--build", "-j", "2",
                    "-Wno-fatal", "-CFLAGS", "-fPIC -O1 -I" + dir.resolve("sim"), "-LDFLAGS", "-shared",
                    "--top-module", AcceleratorDesign.TOP, "-Mdir", "obj", "-o", LIBRARY, "-I" + rtl));
            cmd.addAll(sources);
            cmd.add(dir.resolve("sim/tnsim_harness.cpp").toString());
            String out = run(dir, BUILD_TIMEOUT_SECONDS, cmd);
            if (!Files.exists(lib)) {
                throw new IllegalStateException("verilator build of " + key + " produced no " + LIBRARY + ":\n" + out);
            }
            Files.writeString(stampFile, stamp);
            return lib;
        }
    }

    private static String stamp(List<String> sources, Path dir, String verilatorVersion) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : sources) {
                md.update(Files.readAllBytes(Path.of(s)));
            }
            md.update(Files.readAllBytes(dir.resolve("rtl/tnet_accel_regs.vh")));
            md.update(Files.readAllBytes(dir.resolve("sim/tnsim_harness.cpp")));
            md.update(Files.readAllBytes(dir.resolve("sim/tnet_sim_model.h")));
            md.update(verilatorVersion.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = SimulationBuilder.class.getResourceAsStream("sim/" + name)) {
            if (in == null) {
                throw new IOException("resource io/tnet/fpga/sim/" + name + " missing from the fpga-driver jar");
            }
            Files.createDirectories(to.getParent());
            byte[] b = in.readAllBytes();
            if (!Files.exists(to) || !java.util.Arrays.equals(Files.readAllBytes(to), b)) {
                Files.write(to, b);
            }
        }
    }

    private static String run(Path dir, long timeoutSeconds, List<String> command) throws IOException {
        Path log = Files.createTempFile("tnet-sim", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command.getFirst() + " failed (exit " + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
