package io.tnet.fpga.gen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource with named placeholders {@code @NAME@} (upper case, digits, underscores). Templates
 * are real Verilog files: placeholders sit where a literal goes, so each template reads as the module
 * it becomes. Rendering fails if a value is missing for a placeholder, or a value is given for a
 * placeholder that does not occur (a typo would otherwise go unnoticed).
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z][A-Z0-9_]*)@");

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Wraps a template text; {@code name} is used in error messages. */
    public static Template of(String name, String text) {
        return new Template(name, text);
    }

    /** Loads a resource next to {@link Template}'s RTL directory ({@code io/tnet/fpga/rtl/<file>}). */
    public static Template rtl(String file) {
        return new Template(file, resource(file));
    }

    /** Reads an RTL resource verbatim. */
    static String resource(String file) {
        String path = "/io/tnet/fpga/rtl/" + file;
        try (InputStream in = Template.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("RTL resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Substitutes every placeholder.
     *
     * @throws IllegalStateException naming the missing or unused placeholders
     */
    public String render(Map<String, String> values) {
        TreeSet<String> used = new TreeSet<>();
        TreeSet<String> missing = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = values.get(key);
            if (v == null) {
                missing.add(key);
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                used.add(key);
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + ": no value for placeholder(s) " + missing);
        }
        TreeSet<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(name + ": value(s) given for absent placeholder(s) " + unused);
        }
        return out.toString();
    }

    /** Whether a rendered text still contains a placeholder (the writer's last check). */
    static boolean hasPlaceholder(String text) {
        return PLACEHOLDER.matcher(text).find();
    }
}
