package io.tnet.fpga.gen;

import java.nio.charset.StandardCharsets;

/**
 * One output file of the generator, still in memory.
 *
 * @param path  path relative to the output directory
 * @param bytes file content
 * @param text  whether the content is text (only text is checked for left-over template placeholders)
 */
public record GeneratedFile(String path, byte[] bytes, boolean text) {

    /** A UTF-8 text file. */
    public GeneratedFile(String path, String content) {
        this(path, content.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A binary file (image or vector). */
    public static GeneratedFile binary(String path, byte[] data) {
        return new GeneratedFile(path, data.clone(), false);
    }

    /** The content as text. */
    public String content() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
