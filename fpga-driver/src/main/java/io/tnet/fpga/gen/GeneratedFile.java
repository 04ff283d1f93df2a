package io.tnet.fpga.gen;

/**
 * One output file of the generator, still in memory.
 *
 * @param path    path relative to the output directory
 * @param content file content (text)
 */
public record GeneratedFile(String path, String content) {
}
