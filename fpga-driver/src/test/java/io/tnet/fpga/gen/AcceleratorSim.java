package io.tnet.fpga.gen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Verilated build of one generated accelerator with the C++ host harness
 * ({@code src/test/rtl/tnet_accel/tnet_accel_harness.cpp}), and the case files it consumes.
 * Builds are cached under {@code target/rtl-tests/<name>} keyed by a hash of every source.
 */
final class AcceleratorSim {

    static final Path HARNESS = RtlTools.BENCHES.resolve("tnet_accel/tnet_accel_harness.cpp");

    final AcceleratorConfig config;
    final Path dir;
    final Path binary;

    private AcceleratorSim(AcceleratorConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        this.binary = dir.resolve("obj/harness");
    }

    /** Generates and (if its sources changed) Verilates the design. */
    static AcceleratorSim build(String name, AcceleratorConfig config) throws Exception {
        Path rtl = RtlTools.generate(name, config);
        AcceleratorSim sim = new AcceleratorSim(config, rtl.getParent());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String src : RtlTools.sources(rtl)) {
            md.update(Files.readAllBytes(Path.of(src)));
        }
        md.update(Files.readAllBytes(rtl.resolve("tnet_accel_regs.vh")));
        md.update(Files.readAllBytes(HARNESS));
        String stamp = HexFormat.of().formatHex(md.digest());
        Path stampFile = sim.dir.resolve("obj/stamp");
        if (Files.exists(sim.binary) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
            return sim;
        }
        List<String> cmd = new ArrayList<>(List.of("verilator", "--cc", "--exe", "--build", "-j", "2",
                "-CFLAGS", "-O1", "--top-module", AcceleratorDesign.TOP, "-Mdir", "obj", "-o", "harness",
                "-I" + rtl));
        cmd.addAll(RtlTools.sources(rtl));
        cmd.add(HARNESS.toString());
        RtlTools.Run r = RtlTools.run(sim.dir, 900, cmd);
        if (r.exit() != 0 || !Files.exists(sim.binary)) {
            throw new IllegalStateException("verilator build failed:\n" + r.output());
        }
        Files.writeString(stampFile, stamp);
        return sim;
    }

    /** Outcome of one simulated run. */
    record Result(int error, int errorInfo, long cycles, long ops, long irqCycles, byte[] out) {
    }

    /** One run's inputs. */
    record Case(String name, int numLayers, int batch, int outBytes, byte[] desc, byte[] thr, byte[] sgn, byte[] bias,
                byte[] in) {

        static Case of(String name, PackedModel p, int batch, byte[] q) {
            return new Case(name, p.numLayers(), batch, batch * p.outputStride(), p.image(MemoryMap.DESC),
                    p.image(MemoryMap.THR), p.image(MemoryMap.SGN), p.image(MemoryMap.BIAS), p.packInputs(q, batch));
        }

        Case withDesc(byte[] d) {
            return new Case(name, numLayers, batch, outBytes, d, thr, sgn, bias, in);
        }

        Case withRun(int layers, int b) {
            return new Case(name, layers, b, outBytes, desc, thr, sgn, bias, in);
        }
    }

    /** Runs cases in one harness process (each starts from reset). */
    List<Result> run(List<Case> cases) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        List<Path> dirs = new ArrayList<>();
        for (Case c : cases) {
            Path d = dir.resolve("cases").resolve(c.name());
            Files.createDirectories(d);
            Files.writeString(d.resolve("run.txt"), c.numLayers() + " " + c.batch() + " " + c.outBytes() + "\n");
            Files.write(d.resolve("desc.bin"), c.desc());
            Files.write(d.resolve("thr.bin"), c.thr());
            Files.write(d.resolve("sgn.bin"), c.sgn());
            Files.write(d.resolve("bias.bin"), c.bias());
            Files.write(d.resolve("in.bin"), c.in());
            Files.deleteIfExists(d.resolve("result.txt"));
            dirs.add(d);
            cmd.add(d.toString());
        }
        RtlTools.Run r = RtlTools.run(dir, 600, cmd);
        if (r.exit() != 0) {
            throw new IllegalStateException("harness failed (" + r.exit() + "):\n" + r.output());
        }
        List<Result> out = new ArrayList<>();
        for (Path d : dirs) {
            String[] f = Files.readString(d.resolve("result.txt"), StandardCharsets.US_ASCII).strip().split(" ");
            out.add(new Result(Integer.parseInt(f[0]), (int) Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]), Files.readAllBytes(d.resolve("out.bin"))));
        }
        return out;
    }

    /** A copy of a descriptor image with one little-endian word replaced. */
    static byte[] patch(byte[] desc, int layer, int word, int value) {
        byte[] d = desc.clone();
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(layer * Descriptor.BYTES + 4 * word, value);
        return d;
    }

    @Override
    public String toString() {
        return "AcceleratorSim[" + dir + "]";
    }
}
