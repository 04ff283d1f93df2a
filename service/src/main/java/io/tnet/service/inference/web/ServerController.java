package io.tnet.service.inference.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tnet.service.ServiceException;
import io.tnet.service.backend.Dispatcher;
import io.tnet.service.energy.CpuEnergyMeter;
import io.tnet.service.inference.InferenceService;
import io.tnet.service.models.ModelManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Server metadata ({@code GET /v2}) and health: {@code /v2/health/live} answers 200 while the process
 * serves HTTP at all; {@code /v2/health/ready} answers 200 only when every model configured to load is
 * serving and the server is not shutting down, else 503 naming what is missing.
 */
@RestController
@Tag(name = "server", description = "Server metadata and health")
public class ServerController {

    private final ModelManager models;
    private final Dispatcher dispatcher;
    private final CpuEnergyMeter energy;

    public ServerController(ModelManager models, Dispatcher dispatcher, CpuEnergyMeter energy) {
        this.models = models;
        this.dispatcher = dispatcher;
        this.energy = energy;
    }

    @Operation(summary = "Server metadata: name, version, supported extensions, backends")
    @GetMapping("/v2")
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tnet");
        m.put("version", version());
        m.put("extensions", InferenceService.extensions());
        m.put("backends", dispatcher.describe());
        m.put("cpu_energy", energy.describe());
        return m;
    }

    @Operation(summary = "Liveness: 200 while the server process answers")
    @GetMapping("/v2/health/live")
    public Map<String, Object> live() {
        return Map.of("live", true);
    }

    @Operation(summary = "Readiness: 200 when every configured model serves, 503 otherwise")
    @GetMapping("/v2/health/ready")
    public Map<String, Object> ready() {
        if (models.isShuttingDown()) {
            throw ServiceException.unavailable("server is shutting down");
        }
        if (!models.isReady()) {
            Map<String, String> missing = models.notReady();
            throw ServiceException.unavailable("not ready: " + (missing.isEmpty() ? "models are loading" : missing));
        }
        return Map.of("ready", true);
    }

    private static String version() {
        String v = ServerController.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
