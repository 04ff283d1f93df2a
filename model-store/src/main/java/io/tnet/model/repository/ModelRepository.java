package io.tnet.model.repository;

import io.tnet.model.InvalidModelException;
import io.tnet.model.Model;
import io.tnet.model.format.ModelFormat;
import io.tnet.model.format.ModelReader;
import io.tnet.model.format.ReadLimits;
import io.tnet.model.repository.ModelRepositoryException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A model repository on disk, laid out like Triton's:
 * <pre>
 *   &lt;root&gt;/&lt;model&gt;/config.json                    optional, see {@link ModelConfig}
 *   &lt;root&gt;/&lt;model&gt;/&lt;version&gt;/model.safetensors    version = positive integer, no leading zeros
 * </pre>
 *
 * <p>Names from clients are validated before they touch a path: a model name is 1-{@value #MAX_NAME_LENGTH}
 * characters of {@code [A-Za-z0-9_.-]} starting with a letter or digit, so no separator, no {@code ..},
 * no absolute path and no hidden file can be named. {@link #publish} is atomic (temporary file, fsync,
 * rename, fsync of the directory): a concurrent {@link #load} sees the old or the new file, never a
 * partial one, and a crash leaves at most a hidden temporary file behind.
 *
 * <p>Thread-safe; holds no state beyond the root path and the read limits, so any number of instances
 * (and processes) may share a directory.
 */
public final class ModelRepository {

    /** Longest model name accepted. */
    public static final int MAX_NAME_LENGTH = 128;

    /** Largest config.json read; it is a handful of settings. */
    static final long MAX_CONFIG_BYTES = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VERSION_DIR = Pattern.compile("[1-9][0-9]{0,9}");
    private static final String CONFIG = "config.json";

    private final Path root;
    private final ReadLimits limits;

    public ModelRepository(Path root) {
        this(root, ReadLimits.DEFAULTS);
    }

    public ModelRepository(Path root, ReadLimits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
    }

    public Path root() {
        return root;
    }

    /** Whether {@code name} is an acceptable model name (see the class comment). */
    public static boolean isValidName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    /** Throws {@code INVALID_NAME} unless {@link #isValidName}. */
    public static String requireValidName(String name) {
        if (!isValidName(name)) {
            throw new ModelRepositoryException(Reason.INVALID_NAME, "invalid model name '" + abbreviate(name)
                    + "': use 1-" + MAX_NAME_LENGTH + " characters of [A-Za-z0-9_.-] starting with a letter or digit");
        }
        return name;
    }

    /** Throws {@code INVALID_NAME} unless the version is a positive integer. */
    public static int requireValidVersion(int version) {
        if (version < 1) {
            throw new ModelRepositoryException(Reason.INVALID_NAME, "invalid version " + version
                    + ": versions are positive integers");
        }
        return version;
    }

    /** Models in the repository (directories with a valid name), sorted. Empty if the root does not exist. */
    public List<String> listModels() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (isValidName(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw io("cannot list " + root, e);
        }
        names.sort(null);
        return names;
    }

    /** Versions of {@code model} that hold a model file, ascending; empty if the model does not exist. */
    public List<Integer> versions(String model) {
        Path dir = modelDir(model);
        List<Integer> versions = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (VERSION_DIR.matcher(name).matches() && Long.parseLong(name) <= Integer.MAX_VALUE
                        && Files.isRegularFile(d.resolve(ModelFormat.FILE_NAME))) {
                    versions.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            throw io("cannot list " + dir, e);
        }
        versions.sort(null);
        return versions;
    }

    /** The versions {@code config(model).versionPolicy()} selects among {@link #versions}. */
    public List<Integer> servedVersions(String model) {
        return config(model).versionPolicy().select(versions(model));
    }

    /** The model file of a version (which may not exist). */
    public Path modelFile(String model, int version) {
        return modelDir(model).resolve(Integer.toString(requireValidVersion(version))).resolve(ModelFormat.FILE_NAME);
    }

    /**
     * Reads and validates a version.
     *
     * @throws ModelRepositoryException {@code NOT_FOUND} if it does not exist
     * @throws InvalidModelException    if the file is not a valid model
     */
    public Model load(String model, int version) {
        Path file = modelFile(model, version);
        if (!Files.isRegularFile(file)) {
            throw new ModelRepositoryException(Reason.NOT_FOUND, "model '" + model + "' has no version " + version);
        }
        return ModelReader.read(file, limits);
    }

    /** The model's config.json, or {@link ModelConfig#DEFAULTS} if it has none. */
    public ModelConfig config(String model) {
        Path file = modelDir(model).resolve(CONFIG);
        try {
            if (!Files.isRegularFile(file)) {
                return ModelConfig.DEFAULTS;
            }
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new ModelRepositoryException(Reason.BAD_CONFIG, file + ": larger than " + MAX_CONFIG_BYTES + " bytes");
            }
            return ModelConfigJson.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return ModelConfig.DEFAULTS; // removed between the check and the read
        } catch (IOException e) {
            throw new ModelRepositoryException(Reason.BAD_CONFIG, "cannot read " + file + ": " + e, e);
        }
    }

    /** Writes config.json atomically (creating the model directory if needed). */
    public void writeConfig(String model, ModelConfig config) {
        Path dir = modelDir(model);
        atomicWrite(dir, dir.resolve(CONFIG), ModelConfigJson.toJson(config).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Validates {@code bytes} as a model file and publishes them as {@code model/version}, replacing any
     * file already there, atomically. Nothing is written if the bytes are not a valid model.
     *
     * @return the published model
     * @throws InvalidModelException if the bytes are not a valid model
     */
    public Model publish(String model, int version, byte[] bytes) {
        Path file = modelFile(model, version);
        Model parsed = ModelReader.read(bytes, limits);
        atomicWrite(file.getParent(), file, bytes);
        return parsed;
    }

    /** Temp file in the target directory (same file system, so the rename is atomic), fsync, rename, fsync dir. */
    private void atomicWrite(Path dir, Path target, byte[] bytes) {
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw io("file system of " + dir + " cannot rename atomically", e);
            }
            syncDirectory(dir);
            syncDirectory(dir.getParent());
        } catch (IOException e) {
            throw io("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden .tmp file is ignored by every listing.
            }
        }
    }

    /** Makes a rename durable; a no-op where directories cannot be opened (not on Linux). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms refuse to open or fsync a directory; the rename itself is still atomic.
        }
    }

    private Path modelDir(String model) {
        Path dir = root.resolve(requireValidName(model)).normalize();
        if (!dir.getParent().equals(root)) {
            // Unreachable with the name pattern; kept as a second fence should the pattern ever widen.
            throw new ModelRepositoryException(Reason.INVALID_NAME, "model name '" + model + "' escapes the repository");
        }
        return dir;
    }

    private static ModelRepositoryException io(String message, IOException e) {
        return new ModelRepositoryException(Reason.IO, message + ": " + e, e);
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
