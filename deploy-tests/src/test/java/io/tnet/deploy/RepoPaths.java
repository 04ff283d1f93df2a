package io.tnet.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the repository the deployment tests read (set by the module's surefire configuration). */
final class RepoPaths {

    private RepoPaths() {
    }

    /** The repository root (the parent of {@code deploy-tests/}). */
    static Path root() {
        Path root = Path.of(System.getProperty("tnet.repo.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("helm"))) {
            throw new IllegalStateException("repository root not found at " + root + " (system property tnet.repo.root)");
        }
        return root;
    }

    /** The Helm chart directory. */
    static Path chart() {
        return root().resolve("helm/tnet");
    }

    /** The Spring Boot jar that the service module packaged in the same build. */
    static Path serviceJar() {
        Path jar = Path.of(System.getProperty("tnet.service.jar",
                root().resolve("service/target/service-0.1.0-SNAPSHOT.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("service jar " + jar + " missing: build it first "
                    + "(./mvnw -pl deploy-tests -am verify builds the service module before these tests)");
        }
        return jar;
    }
}
