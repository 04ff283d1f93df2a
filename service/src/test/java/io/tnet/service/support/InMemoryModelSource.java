package io.tnet.service.support;

import io.tnet.model.Model;
import io.tnet.model.format.ModelReader;
import io.tnet.model.format.ModelWriter;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ModelSource} held in memory, storing real model-file bytes (round-tripped through the codec). */
public final class InMemoryModelSource implements ModelSource {

    private final Map<String, Map<Integer, byte[]>> files = new ConcurrentHashMap<>();
    private final Map<String, ModelSettings> settings = new ConcurrentHashMap<>();

    public InMemoryModelSource put(String name, int version, Model model) {
        publish(name, version, ModelWriter.toBytes(model));
        return this;
    }

    /** Stores arbitrary bytes (e.g. an invalid file) as a version. */
    public InMemoryModelSource putBytes(String name, int version, byte[] bytes) {
        publish(name, version, bytes);
        return this;
    }

    public InMemoryModelSource settings(String name, ModelSettings s) {
        settings.put(name, s);
        return this;
    }

    @Override
    public String describe() {
        return "in-memory test repository";
    }

    @Override
    public List<String> listModels() {
        return files.keySet().stream().sorted().toList();
    }

    @Override
    public List<Integer> versions(String model) {
        Map<Integer, byte[]> v = files.get(model);
        return v == null ? List.of() : List.copyOf(v.keySet());
    }

    @Override
    public Model load(String model, int version) {
        return ModelReader.read(files.get(model).get(version));
    }

    @Override
    public ModelSettings settings(String model) {
        return settings.getOrDefault(model, ModelSettings.DEFAULTS);
    }

    @Override
    public Model parse(byte[] bytes) {
        return ModelReader.read(bytes);
    }

    @Override
    public void publish(String model, int version, byte[] bytes) {
        files.computeIfAbsent(model, k -> new ConcurrentSkipListMap<>()).put(version, bytes.clone());
    }
}
