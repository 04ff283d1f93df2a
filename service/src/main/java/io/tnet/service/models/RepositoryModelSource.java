package io.tnet.service.models;

import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.repository.ModelConfig;
import io.tnet.model.repository.ModelRepository;
import io.tnet.model.repository.ModelRepositoryException;
import io.tnet.service.ServiceException;
import java.util.List;

/**
 * A {@link ModelSource} over a directory {@link ModelRepository} (Triton-style layout, optional
 * {@code config.json} per model). Repository errors become {@link ServiceException}s with the right status.
 */
public final class RepositoryModelSource implements ModelSource {

    private final ModelRepository repository;
    private final String description;

    public RepositoryModelSource(ModelRepository repository, String description) {
        this.repository = repository;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<String> listModels() {
        return repository.listModels();
    }

    @Override
    public List<Integer> versions(String model) {
        if (!ModelRepository.isValidName(model)) {
            return List.of();
        }
        return repository.versions(model);
    }

    @Override
    public Model load(String model, int version) {
        try {
            return repository.load(model, version);
        } catch (ModelRepositoryException e) {
            throw translate(e);
        }
    }

    @Override
    public ModelSettings settings(String model) {
        ModelConfig c;
        try {
            c = repository.config(model);
        } catch (ModelRepositoryException e) {
            throw translate(e);
        }
        ModelSettings.VersionPolicy policy = switch (c.versionPolicy()) {
            case ModelConfig.VersionPolicy.Latest l -> new ModelSettings.VersionPolicy.Latest(l.numVersions());
            case ModelConfig.VersionPolicy.All a -> new ModelSettings.VersionPolicy.All();
            case ModelConfig.VersionPolicy.Specific s -> new ModelSettings.VersionPolicy.Specific(s.versions());
        };
        ModelConfig.Batching b = c.batching();
        return new ModelSettings(c.backend().jsonName(), policy, new ModelSettings.Batching(b.enabled(),
                b.maxBatchSize(), b.maxQueueDelayMicros(), b.maxQueueSize(), b.timeoutMillis()), c.load());
    }

    @Override
    public Model parse(byte[] bytes) {
        return ModelReader.read(bytes);
    }

    @Override
    public void publish(String model, int version, byte[] bytes) {
        try {
            repository.publish(model, version, bytes);
        } catch (ModelRepositoryException e) {
            throw translate(e);
        }
    }

    private static ServiceException translate(ModelRepositoryException e) {
        return switch (e.reason()) {
            case INVALID_NAME, BAD_CONFIG -> ServiceException.badRequest(e.getMessage());
            case NOT_FOUND -> ServiceException.notFound(e.getMessage());
            case IO -> new ServiceException(ServiceException.Status.INTERNAL, e.getMessage(), e);
        };
    }
}
