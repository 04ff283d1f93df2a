package io.tnet.service.models;

import io.tnet.model.repository.ModelRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Chooses the model repository: {@code tnet.models.repository} when set (it must exist), otherwise the
 * bundled models packaged in the jar under {@code tnet-models/}, copied to a fresh temporary directory
 * at start (uploads to it last until the process exits).
 */
@Configuration(proxyBeanMethods = false)
class ModelSourceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSourceConfiguration.class);

    /** Classpath folder of the embedded repository (see service/pom.xml). */
    static final String EMBEDDED = "tnet-models/";

    @Bean
    ModelSource modelSource(ModelsProperties properties) {
        Path configured = properties.repository();
        if (configured != null) {
            if (!Files.isDirectory(configured)) {
                throw new IllegalStateException("tnet.models.repository=" + configured + " is not a directory");
            }
            return new RepositoryModelSource(new ModelRepository(configured), configured.toAbsolutePath().toString());
        }
        Path dir = extractEmbedded();
        return new RepositoryModelSource(new ModelRepository(dir), "embedded bundled models (extracted to " + dir + ")");
    }

    /** Copies every classpath resource under {@link #EMBEDDED} into a new temporary directory. */
    static Path extractEmbedded() {
        try {
            Path dir = Files.createTempDirectory("tnet-models-");
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + EMBEDDED + "**");
            int files = 0;
            for (Resource r : resources) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(EMBEDDED);
                String relative = url.substring(at + EMBEDDED.length());
                if (relative.isEmpty() || relative.endsWith("/") || !r.isReadable()) {
                    continue;
                }
                Path target = dir.resolve(relative).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, target);
                }
                files++;
            }
            LOG.info("embedded model repository: {} files extracted to {}", files, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded model repository", e);
        }
    }
}
