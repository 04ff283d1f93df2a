package io.tnet.service.backend;

import io.tnet.model.Model;
import io.tnet.service.metrics.TnetMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Chooses the backend of a model version from its policy ({@code cpu}, {@code fpga}, {@code auto}) among
 * the {@link InferenceBackend} beans, and keeps one {@link CircuitBreaker} per backend.
 *
 * <p>{@code auto} takes {@code fpga} when it is installed, available, healthy and compatible with the
 * model, else {@code cpu}; the reason for the choice is kept for the model index. An explicit policy
 * whose backend cannot run the model fails with {@code "unavailable: <reason>"}.
 */
@Component
public class Dispatcher {

    /** Policy values in {@code config.json}'s {@code "backend"}. */
    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String FPGA = "fpga";

    private static final long COOL_DOWN_NANOS = Duration.ofSeconds(30).toNanos();

    private final Map<String, InferenceBackend> backends = new LinkedHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public Dispatcher(List<InferenceBackend> beans, TnetMetrics metrics) {
        for (InferenceBackend b : beans) {
            if (backends.putIfAbsent(b.name(), b) != null) {
                throw new IllegalStateException("two backends are named '" + b.name() + "'");
            }
        }
        if (!backends.containsKey(CPU)) {
            throw new IllegalStateException("no cpu backend bean: the service needs one as the fallback");
        }
        for (String name : List.of(CPU, FPGA)) {
            breakers.computeIfAbsent(name, n -> new CircuitBreaker(COOL_DOWN_NANOS));
        }
        backends.keySet().forEach(n -> breakers.computeIfAbsent(n, k -> new CircuitBreaker(COOL_DOWN_NANOS)));
        breakers.keySet().forEach(n -> metrics.backendUp(n, () -> isUp(n)));
    }

    /** The outcome of dispatch for one model: the backend to use, a CPU fallback for auto, and why. */
    public record Selection(InferenceBackend primary, Optional<InferenceBackend> fallback, String reason) {
    }

    /**
     * Picks the backend for {@code model} under {@code policy}.
     *
     * @throws BackendException {@code "unavailable: <reason>"} when an explicitly requested backend cannot run it
     */
    public Selection select(String policy, Model model) {
        String p = policy == null || policy.isBlank() ? AUTO : policy;
        if (AUTO.equals(p)) {
            InferenceBackend fpga = backends.get(FPGA);
            String why = usable(FPGA, model);
            if (why == null) {
                return new Selection(fpga, Optional.of(backends.get(CPU)), "auto: fpga available");
            }
            return new Selection(backends.get(CPU), Optional.empty(), "auto: cpu (fpga " + why + ")");
        }
        if (!backends.containsKey(p) && !FPGA.equals(p)) {
            throw new BackendException("unknown backend '" + p + "' (known: auto, " + String.join(", ", backends.keySet()) + ")");
        }
        String why = usable(p, model);
        if (why != null) {
            throw new BackendException(why);
        }
        return new Selection(backends.get(p), Optional.empty(), p + ": requested");
    }

    /** Null when {@code name} can run {@code model} now, else {@code "unavailable: <reason>"}. */
    private String usable(String name, Model model) {
        InferenceBackend b = backends.get(name);
        if (b == null) {
            return "unavailable: no " + name + " backend is installed in this service";
        }
        Availability a = safeAvailability(b);
        if (!a.available()) {
            return a.describe();
        }
        if (breaker(name).isOpen()) {
            return "unavailable: circuit breaker open after a failure (" + breaker(name).lastFailure() + ")";
        }
        Compatibility c = b.compatibility(model);
        return c.compatible() ? null : "unavailable: incompatible model: " + c.reason();
    }

    private static Availability safeAvailability(InferenceBackend b) {
        try {
            return b.availability();
        } catch (RuntimeException e) {
            return Availability.unavailable(e.toString());
        }
    }

    /** The breaker of backend {@code name}. */
    public CircuitBreaker breaker(String name) {
        return breakers.computeIfAbsent(name, n -> new CircuitBreaker(COOL_DOWN_NANOS));
    }

    /** Installed backends by name. */
    public Map<String, InferenceBackend> backends() {
        return Map.copyOf(backends);
    }

    /** Availability of every known backend name (including a missing {@code fpga}), for health output. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : breakers.keySet().stream().sorted().toList()) {
            InferenceBackend b = backends.get(name);
            if (b == null) {
                out.put(name, "unavailable: no " + name + " backend is installed in this service");
            } else if (breaker(name).isOpen()) {
                out.put(name, "unavailable: circuit breaker open (" + breaker(name).lastFailure() + ")");
            } else {
                out.put(name, safeAvailability(b).describe());
            }
        }
        return out;
    }

    private boolean isUp(String name) {
        InferenceBackend b = backends.get(name);
        return b != null && safeAvailability(b).available() && !breaker(name).isOpen();
    }
}
