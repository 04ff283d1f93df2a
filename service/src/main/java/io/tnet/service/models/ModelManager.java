package io.tnet.service.models;

import io.tnet.model.InvalidModelException;
import io.tnet.model.Model;
import io.tnet.service.ServiceException;
import io.tnet.service.ServiceException.Status;
import io.tnet.service.backend.BackendException;
import io.tnet.service.backend.Dispatcher;
import io.tnet.service.backend.PreparedModel;
import io.tnet.service.metrics.TnetMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Loads, serves, reloads and unloads the models of a {@link ModelSource}.
 *
 * <p>Reload is load-then-swap: the new set of versions is read, validated and prepared on its backend
 * while the old set keeps serving; then one volatile write swaps them and the old versions are retired,
 * finishing their in-flight requests before their backend handles close. A failed load leaves the
 * previous versions serving.
 *
 * <p>Readiness: ready when not shutting down and every <em>required</em> model (configured with
 * {@code "load": true}, or loaded through the API since, minus those unloaded through the API) has at
 * least one version serving.
 *
 * <p>Lifecycle: starts after the web server (so liveness answers while models load) and stops after the
 * web server's graceful shutdown drained the HTTP requests, then retires every version.
 */
@Service
public class ModelManager implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Lifecycle state of one model, as the repository index reports it. */
    public enum State { READY, LOADING, UNAVAILABLE, UNLOADED }

    /** One model's serving state. Versions map is immutable and replaced as a whole. */
    public static final class Entry {
        private final String name;
        private volatile Map<Integer, LoadedVersion> versions = Map.of();
        private volatile State state = State.UNLOADED;
        private volatile String reason = "not loaded";

        Entry(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Map<Integer, LoadedVersion> versions() {
            return versions;
        }

        public State state() {
            return state;
        }

        public String reason() {
            return reason;
        }
    }

    private final ModelSource source;
    private final Dispatcher dispatcher;
    private final TnetMetrics metrics;
    private final ModelsProperties properties;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, VersionStats> stats = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private final Set<String> required = ConcurrentHashMap.newKeySet();
    /** Shared by every version without batching: at most one computing request per processor. */
    private final java.util.concurrent.Semaphore computeSlots =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private volatile boolean running;
    private volatile boolean started;
    private volatile boolean shuttingDown;

    public ModelManager(ModelSource source, Dispatcher dispatcher, TnetMetrics metrics, ModelsProperties properties) {
        this.source = source;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.properties = properties;
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1536;
    }

    @Override
    public void start() {
        running = true;
        LOG.info("model repository: {}", source.describe());
        for (String name : source.listModels()) {
            ModelSettings settings;
            try {
                settings = settings(name);
            } catch (RuntimeException e) {
                LOG.error("{}: bad config.json: {}", name, e.getMessage());
                required.add(name);
                entry(name).state = State.UNAVAILABLE;
                entry(name).reason = "bad config.json: " + e.getMessage();
                continue;
            }
            if (settings.load()) {
                required.add(name);
                try {
                    load(name);
                } catch (ServiceException e) {
                    LOG.error("{}: not loaded: {}", name, e.getMessage());
                }
            }
        }
        started = true;
    }

    @EventListener(ContextClosedEvent.class)
    void onClose() {
        shuttingDown = true;
    }

    @Override
    public void stop() {
        shuttingDown = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Entry e : entries.values()) {
            synchronized (e) {
                e.versions.values().forEach(v -> closing.add(v.retire(properties.drainTimeout())));
                e.versions = Map.of();
                e.state = State.UNLOADED;
                e.reason = "service shutting down";
            }
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // ---- queries ----------------------------------------------------------------------------------

    /** True when the service can take inference traffic (see class comment). */
    public boolean isReady() {
        if (!started || shuttingDown) {
            return false;
        }
        for (String name : required) {
            Entry e = entries.get(name);
            if (e == null || e.versions.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Required models not serving, with reasons (for the readiness answer). */
    public Map<String, String> notReady() {
        Map<String, String> out = new TreeMap<>();
        for (String name : required) {
            Entry e = entries.get(name);
            if (e == null || e.versions.isEmpty()) {
                out.put(name, e == null ? "not loaded" : e.state + ": " + e.reason);
            }
        }
        return out;
    }

    public ModelSource source() {
        return source;
    }

    public Optional<Entry> entry(String name, boolean create) {
        return Optional.ofNullable(create ? entry(name) : entries.get(name));
    }

    private Entry entry(String name) {
        return entries.computeIfAbsent(name, Entry::new);
    }

    /**
     * The serving version {@code version} (or the newest serving one when empty) of {@code model}, already
     * {@linkplain LoadedVersion#acquire() acquired}: the caller must {@link LoadedVersion#release()} it.
     *
     * @throws ServiceException 404 unknown model or version, 503 model not loaded or service shutting down
     */
    public LoadedVersion acquire(String model, Optional<Integer> version) {
        for (int attempt = 0; attempt < 100; attempt++) {
            LoadedVersion v = find(model, version);
            if (v.acquire()) {
                return v;
            }
            // retired between lookup and acquire: a reload swapped it; the next lookup sees the new one
            Thread.onSpinWait();
        }
        throw ServiceException.unavailable("model " + model + " is being reloaded; retry");
    }

    /** Like {@link #acquire} without acquiring: for metadata. */
    public LoadedVersion find(String model, Optional<Integer> version) {
        if (shuttingDown) {
            throw ServiceException.unavailable("service is shutting down");
        }
        Entry e = entries.get(model);
        Map<Integer, LoadedVersion> versions = e == null ? Map.of() : e.versions;
        if (versions.isEmpty()) {
            if (e == null && !exists(model)) {
                throw ServiceException.notFound("unknown model '" + model + "'");
            }
            throw ServiceException.unavailable("model '" + model + "' is not ready ("
                    + (e == null ? "not loaded" : e.state.name().toLowerCase() + ": " + e.reason) + ")");
        }
        if (version.isEmpty()) {
            return versions.get(Collections.max(versions.keySet()));
        }
        LoadedVersion v = versions.get(version.get());
        if (v == null) {
            throw ServiceException.notFound("model '" + model + "' has no version " + version.get()
                    + " loaded (loaded: " + new TreeSet<>(versions.keySet()) + ")");
        }
        return v;
    }

    private boolean exists(String model) {
        return NAME.matcher(model).matches() && !source.versions(model).isEmpty();
    }

    /** Settings of {@code model} with the service-wide backend override applied. */
    public ModelSettings settings(String model) {
        ModelSettings s = source.settings(model);
        String backend = properties.backend().isBlank() ? s.backend() : properties.backend();
        return new ModelSettings(backend, s.versionPolicy(), properties.batching().apply(s.batching()), s.load());
    }

    /** Statistics of every version of {@code model} that ever served (Triton's {@code model_stats}). */
    public List<Map<String, Object>> stats(String model, Optional<Integer> version) {
        Entry e = entries.get(model);
        if (e == null && !exists(model)) {
            throw ServiceException.notFound("unknown model '" + model + "'");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        new TreeMap<>(stats).forEach((key, s) -> {
            int slash = key.lastIndexOf('/');
            String m = key.substring(0, slash);
            int v = Integer.parseInt(key.substring(slash + 1));
            if (m.equals(model) && (version.isEmpty() || version.get() == v)) {
                out.add(s.toJson(m, v));
            }
        });
        if (version.isPresent() && out.isEmpty()) {
            throw ServiceException.notFound("model '" + model + "' has no statistics for version " + version.get());
        }
        return out;
    }

    /**
     * The repository index in Triton's form: one row per model version present in the repository or
     * serving, with state and reason.
     */
    public List<Map<String, Object>> index(boolean readyOnly) {
        Set<String> names = new TreeSet<>(source.listModels());
        names.addAll(entries.keySet());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Entry e = entries.get(name);
            Map<Integer, LoadedVersion> serving = e == null ? Map.of() : e.versions;
            Set<Integer> versions = new TreeSet<>(source.versions(name));
            versions.addAll(serving.keySet());
            if (versions.isEmpty() && e != null) {
                rows.add(row(name, null, e.state.name(), e.reason, null));
            }
            for (int v : versions) {
                LoadedVersion lv = serving.get(v);
                if (lv != null) {
                    rows.add(row(name, v, State.READY.name(), "", lv.backend()));
                } else if (!readyOnly) {
                    String reason = e == null ? "not loaded"
                            : e.state == State.READY ? "not selected by the version policy" : e.reason;
                    rows.add(row(name, v, State.UNAVAILABLE.name(), reason, null));
                }
            }
        }
        if (readyOnly) {
            rows.removeIf(r -> !State.READY.name().equals(r.get("state")));
        }
        return rows;
    }

    private static Map<String, Object> row(String name, Integer version, String state, String reason, String backend) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        if (version != null) {
            r.put("version", Integer.toString(version));
        }
        r.put("state", state);
        r.put("reason", reason);
        if (backend != null) {
            r.put("backend", backend);
        }
        return r;
    }

    // ---- management -------------------------------------------------------------------------------

    /**
     * (Re)loads {@code model}: the versions its policy selects are loaded and prepared, then swapped in
     * atomically; versions serving before are retired and drain.
     *
     * @throws ServiceException 404 unknown model, 400 when it cannot be loaded (invalid file, backend
     *                          unavailable...); the previous versions keep serving in that case
     */
    public Entry load(String model) {
        if (!NAME.matcher(model).matches()) {
            throw ServiceException.badRequest("invalid model name '" + model + "'");
        }
        if (source.versions(model).isEmpty()) {
            throw ServiceException.notFound("model '" + model + "' is not in the repository (" + source.describe() + ")");
        }
        Entry e = entry(model);
        synchronized (e) {
            required.add(model);
            State before = e.state;
            e.state = e.versions.isEmpty() ? State.LOADING : before;
            Map<Integer, LoadedVersion> fresh = new TreeMap<>();
            try {
                ModelSettings settings = settings(model);
                List<Integer> selected = settings.versionPolicy().select(source.versions(model));
                if (selected.isEmpty()) {
                    throw ServiceException.badRequest("model '" + model + "': version policy "
                            + settings.versionPolicy() + " selects none of " + source.versions(model));
                }
                for (int v : selected) {
                    fresh.put(v, prepare(model, v, settings));
                }
            } catch (RuntimeException ex) {
                fresh.values().forEach(lv -> lv.retire(java.time.Duration.ZERO));
                String reason = ex.getMessage();
                if (e.versions.isEmpty()) {
                    e.state = State.UNAVAILABLE;
                }
                e.reason = "load failed: " + reason;
                LOG.warn("{}: load failed: {}", model, reason);
                throw ex instanceof ServiceException se ? se : ServiceException.badRequest("model '" + model
                        + "' could not be loaded: " + reason);
            }
            Map<Integer, LoadedVersion> old = e.versions;
            e.versions = Collections.unmodifiableMap(fresh);
            e.state = State.READY;
            e.reason = "";
            old.values().forEach(lv -> lv.retire(properties.drainTimeout()));
            LOG.info("{}: serving versions {} ({})", model, fresh.keySet(),
                    fresh.values().stream().map(lv -> "v" + lv.version() + " on " + lv.backend()).toList());
            return e;
        }
    }

    private LoadedVersion prepare(String model, int version, ModelSettings settings) {
        Model m;
        try {
            m = source.load(model, version);
        } catch (InvalidModelException ex) {
            throw ServiceException.badRequest("model '" + model + "' version " + version + " is invalid: " + ex.getMessage());
        }
        Dispatcher.Selection sel;
        try {
            sel = dispatcher.select(settings.backend(), m);
        } catch (BackendException ex) {
            throw ServiceException.badRequest("model '" + model + "' version " + version + " cannot run on backend '"
                    + settings.backend() + "': " + ex.getMessage());
        }
        LOG.info("{} v{}: {}", model, version, sel.reason());
        PreparedModel primary = sel.primary().prepare(m);
        PreparedModel fallback = null;
        try {
            fallback = sel.fallback().map(b -> b.prepare(m)).orElse(null);
        } catch (RuntimeException ex) {
            primary.close();
            throw ex;
        }
        String key = model + "/" + version;
        VersionStats vs = stats.computeIfAbsent(key, k -> new VersionStats());
        LoadedVersion lv = new LoadedVersion(model, version, primary, fallback, dispatcher.breaker(primary.backend()),
                settings.batching(), vs, metrics, sel.reason(), computeSlots);
        registerGauges(model, version, primary.backend());
        lv.meters(primary.backend()); // series exist (at zero) from load on, so dashboards show every model at once
        return lv;
    }

    private void registerGauges(String model, int version, String backend) {
        if (!gauges.add(model + "/" + version + "/" + backend)) {
            return;
        }
        String v = Integer.toString(version);
        metrics.modelReady(model, v, backend, this, mm -> mm.serving(model, version, backend) != null ? 1 : 0);
        metrics.forVersion(model, v, backend).pending(this, mm -> {
            LoadedVersion lv = mm.serving(model, version, backend);
            return lv == null ? 0 : lv.inFlight();
        });
    }

    private LoadedVersion serving(String model, int version, String backend) {
        Entry e = entries.get(model);
        LoadedVersion lv = e == null ? null : e.versions.get(version);
        return lv != null && lv.backend().equals(backend) ? lv : null;
    }

    /** Stops serving {@code model}; its versions drain in the background. */
    public Entry unload(String model) {
        Entry e = entries.get(model);
        if (e == null && !exists(model)) {
            throw ServiceException.notFound("unknown model '" + model + "'");
        }
        e = entry(model);
        synchronized (e) {
            required.remove(model);
            Map<Integer, LoadedVersion> old = e.versions;
            e.versions = Map.of();
            e.state = State.UNLOADED;
            e.reason = "unloaded";
            old.values().forEach(lv -> lv.retire(properties.drainTimeout()));
            LOG.info("{}: unloaded", model);
            return e;
        }
    }

    /**
     * Stores an uploaded model as {@code model/version} after validating it, then reloads the model if
     * it is serving (load-then-swap) or {@code load} asks for it.
     *
     * @throws ServiceException 400 invalid name/version/model, 409 version already present
     */
    public Entry upload(String model, int version, byte[] bytes, boolean load) {
        if (!NAME.matcher(model).matches()) {
            throw ServiceException.badRequest("invalid model name '" + model + "' (letters, digits, '.', '_', '-')");
        }
        if (version < 1) {
            throw ServiceException.badRequest("version must be a positive integer, got " + version);
        }
        try {
            source.parse(bytes);
        } catch (InvalidModelException ex) {
            throw ServiceException.badRequest("uploaded model is invalid: " + ex.getMessage());
        }
        synchronized (entry(model)) {
            if (source.versions(model).contains(version)) {
                throw new ServiceException(Status.CONFLICT, "model '" + model + "' already has version " + version);
            }
            source.publish(model, version, bytes);
            LOG.info("{}: version {} uploaded ({} bytes)", model, version, bytes.length);
            Entry e = entry(model);
            if (load || !e.versions.isEmpty()) {
                return load(model);
            }
            return e;
        }
    }
}
