package io.tnet.fpga.gen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable description of one generated accelerator ({@code manifest.json}): generator
 * version, parameters, register map, memory map, descriptor layout and a SHA-256 hash over all of it.
 *
 * <p>The hash is computed over the compact JSON of every field except {@code hash} and
 * {@code hash32}, in the fixed field order built here. Its first four bytes (big-endian) are baked into
 * the RTL as the {@code MANIFEST_HASH} register, so a driver holding a manifest can refuse a bitstream
 * generated from another configuration or generator version.
 *
 * @param body   ordered JSON content without the hash fields
 * @param sha256 lower-case hex SHA-256 of {@code body}'s compact JSON
 */
public record Manifest(Map<String, Object> body, String sha256) {

    /** Version of this generator; part of the manifest and therefore of the hash. */
    public static final String GENERATOR_VERSION = "1.0.0";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Builds the manifest of a configuration. */
    public static Manifest of(AcceleratorConfig c, MemoryMap map) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "tnet-accelerator-manifest/1");
        m.put("generator", ordered("name", "io.tnet.fpga.gen", "version", GENERATOR_VERSION));
        m.put("id", hex32(RegisterMap.ID_VALUE));
        m.put("registerMapVersion", ordered("major", RegisterMap.VERSION_MAJOR, "minor", RegisterMap.VERSION_MINOR));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pe", c.pe());
        p.put("simd", c.simd());
        p.put("actWidth", c.actWidth());
        p.put("accWidth", c.accWidth());
        p.put("maxInputs", c.maxInputs());
        p.put("maxOutputs", c.maxOutputs());
        p.put("maxLayers", c.maxLayers());
        p.put("paramWords", c.paramWords());
        p.put("biasWords", c.biasWords());
        p.put("inWords", c.inWords());
        p.put("outWords", c.outWords());
        p.put("actWords", c.actWords());
        p.put("clockMhz", c.clockMhz());
        p.put("caps", hex32(RegisterMap.caps(c)));
        p.put("layerKinds", List.of("ThresholdDense"));
        m.put("parameters", p);
        List<Object> regs = new ArrayList<>();
        for (Register r : RegisterMap.REGISTERS) {
            regs.add(ordered("name", r.name(), "offset", r.offset(), "access", r.access().name(),
                    "description", r.description()));
        }
        m.put("registers", regs);
        List<Object> regions = new ArrayList<>();
        for (MemoryRegion r : map.regions()) {
            regions.add(ordered("name", r.name(), "base", r.base(), "size", r.size(), "window", r.window(),
                    "wordBytes", r.wordBytes(), "words", r.words(), "description", r.description()));
        }
        m.put("memoryMap", ordered("addrBits", map.addrBits(), "dataBits", 32, "regions", regions));
        m.put("descriptor", ordered("bytes", Descriptor.BYTES, "words", List.of(
                "kind | relu<<8 (kind 1 = ThresholdDense, 2 = Dense MI)", "inputs", "outputs",
                "scaleExp (two's complement)", "THR byte offset", "SGN byte offset", "BIAS byte offset", "reserved (0)")));
        m.put("signCode", ordered("0", "00", "+1", "01", "-1", "11"));
        String compact = JSON.writeValueAsString(m);
        return new Manifest(m, sha256(compact));
    }

    /** First four bytes of the hash as an unsigned 32-bit register value. */
    public int hash32() {
        return (int) Long.parseLong(sha256.substring(0, 8), 16);
    }

    /** The pretty-printed JSON written as {@code manifest.json}, with the hash fields appended. */
    public String toJson() {
        Map<String, Object> all = new LinkedHashMap<>(body);
        all.put("hash", sha256);
        all.put("hash32", hex32(hash32()));
        return PRETTY.writeValueAsString(all) + "\n";
    }

    static String hex32(int v) {
        return String.format("0x%08X", v);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
