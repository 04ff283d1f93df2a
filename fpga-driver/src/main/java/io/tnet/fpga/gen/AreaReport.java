package io.tnet.fpga.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Threshold-versus-MAC area with Yosys: synthesizes a threshold design ({@code tnet_lane}, one synapse, or
 * {@code tnet_pe}, a lane group of SIMD synapses with adder tree and accumulator) and its multiply-accumulate
 * twin ({@code tnet_mac_lane}, {@code tnet_mac_pe}: same widths, pipeline and tree, int8 multipliers) for
 * iCE40, Xilinx 7-series (no DSPs) and generic CMOS gates, from the script {@code io/tnet/fpga/area/area.ys}.
 *
 * <p>Runs the {@code yosys} executable; not thread-safe per work directory.
 */
public final class AreaReport {

    /** A synthesis target and the cells it counts. */
    public enum Target {
        /** Lattice iCE40: SB_LUT4, SB_DFF*, SB_CARRY. */
        ICE40("synth_ice40 -top @TOP@", ""),
        /** Xilinx 7-series fabric without DSP48 blocks: LUT1-6 (+INV, SRL16E), FD*, CARRY4 (+MUXF7/8). */
        XILINX("synth_xilinx -noiopad -nodsp -top @TOP@", ""),
        /** Generic two-input CMOS gates; Yosys estimates the transistor count. */
        GENERIC("synth -flatten -top @TOP@; abc -g cmos2", "-tech cmos");

        final String synth;
        final String statTech;

        Target(String synth, String statTech) {
            this.synth = synth;
            this.statTech = statTech;
        }
    }

    /**
     * Cell counts of one synthesized design.
     *
     * @param top         module
     * @param target      target
     * @param luts        LUTs (FPGA) or gates (generic)
     * @param ffs         flip-flops
     * @param carries     carry cells
     * @param transistors Yosys' CMOS transistor estimate (generic only, else 0)
     * @param cells       every cell type with its count
     */
    public record Area(String top, Target target, long luts, long ffs, long carries, long transistors,
                       Map<String, Long> cells) {

        /** The number the ratios compare: transistors (generic) or LUTs + FFs + carries (FPGA). */
        public long score() {
            return target == Target.GENERIC ? transistors : luts + ffs + carries;
        }
    }

    /** Transistors of one static CMOS master-slave flip-flop (for the generic estimate). */
    public static final int DFF_TRANSISTORS = 24;

    private AreaReport() {
    }

    static String resource(String name) {
        String path = "/io/tnet/fpga/area/" + name;
        try (var in = AreaReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Synthesizes {@code top} with {@code SIMD}/{@code ACC_W} (ignored by the single-lane modules).
     *
     * @throws IllegalStateException if yosys fails
     */
    public static Area synthesize(String top, int simd, int accWidth, Target target, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> sources = new ArrayList<>();
        for (String rtl : List.of("tnet_lane.v", "tnet_adder_tree.v", "tnet_pe.v")) {
            Path p = work.resolve(rtl);
            Files.writeString(p, Template.resource(rtl));
            sources.add(p.toString());
        }
        for (String ref : List.of("tnet_mac_lane.v", "tnet_mac_pe.v")) {
            Path p = work.resolve(ref);
            Files.writeString(p, resource(ref));
            sources.add(p.toString());
        }
        String tag = top + "-" + simd + "-" + target.name().toLowerCase(Locale.ROOT);
        Path json = work.resolve(tag + ".json");
        boolean group = top.endsWith("_pe");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SOURCES", String.join(" ", sources));
        v.put("TOP", top);
        v.put("CHPARAM", group ? "-chparam SIMD " + simd + " -chparam ACC_W " + accWidth : "");
        v.put("SYNTH", target.synth.replace("@TOP@", top));
        v.put("STAT_JSON", json.toString());
        v.put("STAT_TECH", target.statTech);
        Path script = work.resolve(tag + ".ys");
        Files.writeString(script, Template.of("area.ys", resource("area.ys")).render(v));
        Path log = work.resolve(tag + ".log");
        Process p = new ProcessBuilder("yosys", "-q", "-s", script.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(1800, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("yosys timed out on " + tag);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("yosys failed on " + tag + ":\n" + Files.readString(log));
        }
        return parse(top, target, Files.readString(json));
    }

    static Area parse(String top, Target target, String statJson) {
        JsonNode design = JsonMapper.builder().build().readTree(statJson).get("design");
        Map<String, Long> cells = new LinkedHashMap<>();
        design.get("num_cells_by_type").properties().forEach(e -> cells.put(e.getKey(), e.getValue().asLong()));
        long luts = 0, ffs = 0, carries = 0;
        for (Map.Entry<String, Long> e : cells.entrySet()) {
            String c = e.getKey();
            // INV and SRL16E occupy a LUT each on 7-series; BUFG is not logic
            if (c.startsWith("SB_LUT") || c.matches("LUT[1-6]") || c.equals("INV") || c.startsWith("SRL")
                    || target == Target.GENERIC && !c.contains("DFF")) {
                luts += e.getValue();
            } else if (c.startsWith("SB_DFF") || c.startsWith("FD") || c.contains("DFF")) {
                ffs += e.getValue();
            } else if (c.startsWith("SB_CARRY") || c.startsWith("CARRY") || c.startsWith("MUXF")) {
                carries += e.getValue();
            }
        }
        // Yosys appends "+" when cells without a CMOS model (flip-flops) are present; count those as a
        // 24-transistor static master-slave DFF each.
        JsonNode t = design.get("estimated_num_transistors");
        long transistors = 0;
        if (t != null) {
            String text = t.asString();
            transistors = Long.parseLong(text.replace("+", ""));
            if (text.endsWith("+")) {
                transistors += DFF_TRANSISTORS * ffs;
            }
        }
        return new Area(top, target, luts, ffs, carries, transistors, cells);
    }

    /** Runs the threshold/MAC pairs on every target and renders the Markdown table of docs/hardware.md. */
    public static String markdown(int simd, int accWidth, Path work) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        b.append("| Design (SIMD=").append(simd).append(", ACC_W=").append(accWidth)
                .append(") | Target | Threshold LUT/FF/carry (transistors) | MAC LUT/FF/carry (transistors) | MAC / threshold |\n")
                .append("|---|---|---|---|---|\n");
        for (String[] pair : new String[][] {{"tnet_lane", "tnet_mac_lane", "one synapse (lane)"},
                {"tnet_pe", "tnet_mac_pe", "lane group (lanes + adder tree + accumulator)"}}) {
            for (Target t : Target.values()) {
                Area thr = synthesize(pair[0], simd, accWidth, t, work);
                Area mac = synthesize(pair[1], simd, accWidth, t, work);
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | **%.2fx** |%n", pair[2], t.name().toLowerCase(Locale.ROOT),
                        cellsText(thr), cellsText(mac), (double) mac.score() / thr.score()));
            }
        }
        return b.toString();
    }

    private static String cellsText(Area a) {
        return a.target() == Target.GENERIC ? a.luts() + " gates, " + a.ffs() + " FF (" + a.transistors() + " T)"
                : a.luts() + " / " + a.ffs() + " / " + a.carries();
    }

    /** Prints {@link #markdown} for {@code SIMD ACC_W WORKDIR}. */
    public static void main(String[] args) throws Exception {
        System.out.print(markdown(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2])));
    }
}
