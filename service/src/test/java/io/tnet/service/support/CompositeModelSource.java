package io.tnet.service.support;

import io.tnet.model.Model;
import io.tnet.service.models.ModelSettings;
import io.tnet.service.models.ModelSource;
import java.util.List;
import java.util.TreeSet;

/**
 * Test repository = the in-memory test models plus the service's real default source (the bundled
 * models embedded in the jar), so one Spring context covers both and starts once.
 */
public final class CompositeModelSource implements ModelSource {

    private final InMemoryModelSource memory;
    private final ModelSource real;

    public CompositeModelSource(InMemoryModelSource memory, ModelSource real) {
        this.memory = memory;
        this.real = real;
    }

    private ModelSource owner(String model) {
        return memory.versions(model).isEmpty() && !real.versions(model).isEmpty() ? real : memory;
    }

    @Override
    public String describe() {
        return "test models + " + real.describe();
    }

    @Override
    public List<String> listModels() {
        TreeSet<String> names = new TreeSet<>(memory.listModels());
        names.addAll(real.listModels());
        return List.copyOf(names);
    }

    @Override
    public List<Integer> versions(String model) {
        return owner(model).versions(model);
    }

    @Override
    public Model load(String model, int version) {
        return owner(model).load(model, version);
    }

    @Override
    public ModelSettings settings(String model) {
        return owner(model).settings(model);
    }

    @Override
    public Model parse(byte[] bytes) {
        return memory.parse(bytes);
    }

    @Override
    public void publish(String model, int version, byte[] bytes) {
        owner(model).publish(model, version, bytes);
    }
}
