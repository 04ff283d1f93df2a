package io.tnet.fpga.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place the generator touches disk: writes a design's files under a directory. Refuses any
 * file that still contains a template placeholder, before writing anything.
 */
public final class DesignWriter {

    private DesignWriter() {
    }

    /** Writes every file of {@code design} under {@code dir} (created if needed); returns the paths. */
    public static List<Path> write(AcceleratorDesign design, Path dir) throws IOException {
        return write(design.files(), dir);
    }

    /** Writes files under {@code dir}; returns the paths written. */
    public static List<Path> write(List<GeneratedFile> files, Path dir) throws IOException {
        for (GeneratedFile f : files) {
            if (f.text() && Template.hasPlaceholder(f.content())) {
                throw new IllegalStateException(f.path() + " still contains a template placeholder");
            }
        }
        Files.createDirectories(dir);
        return files.stream().map(f -> {
            Path p = dir.resolve(f.path());
            try {
                Files.createDirectories(p.getParent());
                Files.write(p, f.bytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return p;
        }).toList();
    }
}
