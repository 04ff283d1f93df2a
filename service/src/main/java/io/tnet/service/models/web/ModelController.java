package io.tnet.service.models.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tnet.model.Model;
import io.tnet.model.TensorSpec;
import io.tnet.service.models.BearerAuth;
import io.tnet.service.models.LoadedVersion;
import io.tnet.service.models.ModelManager;
import io.tnet.service.web.ModelPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model metadata, per-model readiness and Triton-style statistics:
 * {@code GET /v2/models/{m}[/versions/{v}]}, {@code .../ready}, {@code /v2/models/{m}[/versions/{v}]/stats}.
 */
@RestController
@Tag(name = "models", description = "Model metadata, readiness and statistics")
public class ModelController {

    private final ModelManager models;
    private final BearerAuth auth;

    public ModelController(ModelManager models, BearerAuth auth) {
        this.models = models;
        this.auth = auth;
    }

    @Operation(summary = "Metadata of the newest serving version of a model")
    @GetMapping("/v2/models/{model}")
    public Map<String, Object> metadata(@PathVariable String model,
                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        auth.requireForInference(authorization);
        return metadata(models.find(model, Optional.empty()));
    }

    @Operation(summary = "Metadata of one version of a model")
    @GetMapping("/v2/models/{model}/versions/{version}")
    public Map<String, Object> metadataVersion(@PathVariable String model, @PathVariable String version,
                                               @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        auth.requireForInference(authorization);
        return metadata(models.find(model, Optional.of(ModelPaths.version(version))));
    }

    @Operation(summary = "200 when the model (newest version) serves, 503 when it is known but not ready, 404 unknown")
    @GetMapping("/v2/models/{model}/ready")
    public Map<String, Object> ready(@PathVariable String model) {
        LoadedVersion v = models.find(model, Optional.empty());
        return Map.of("name", model, "ready", true, "version", Integer.toString(v.version()));
    }

    @Operation(summary = "200 when this model version serves, 404 when it is not loaded")
    @GetMapping("/v2/models/{model}/versions/{version}/ready")
    public Map<String, Object> readyVersion(@PathVariable String model, @PathVariable String version) {
        LoadedVersion v = models.find(model, Optional.of(ModelPaths.version(version)));
        return Map.of("name", model, "ready", true, "version", Integer.toString(v.version()));
    }

    @Operation(summary = "Statistics of every version of a model (Triton's model_stats)")
    @GetMapping("/v2/models/{model}/stats")
    public Map<String, Object> stats(@PathVariable String model) {
        return Map.of("model_stats", models.stats(model, Optional.empty()));
    }

    @Operation(summary = "Statistics of one version of a model")
    @GetMapping("/v2/models/{model}/versions/{version}/stats")
    public Map<String, Object> statsVersion(@PathVariable String model, @PathVariable String version) {
        return Map.of("model_stats", models.stats(model, Optional.of(ModelPaths.version(version))));
    }

    private Map<String, Object> metadata(LoadedVersion v) {
        Model m = v.model();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.modelName());
        out.put("versions", models.entry(v.modelName(), false).map(e -> e.versions().keySet().stream().sorted()
                .map(String::valueOf).toList()).orElse(List.of()));
        out.put("platform", "tnet_threshold_network");
        out.put("inputs", List.of(tensor(m.input())));
        out.put("outputs", List.of(tensor(m.output())));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("version", Integer.toString(v.version()));
        parameters.put("precision", m.precision().name());
        parameters.put("backend", v.backend());
        parameters.put("dispatch", v.dispatchReason());
        parameters.put("labels", m.labels());
        parameters.put("preprocessing", Map.of("scale", m.preprocessing().scale(), "offset", m.preprocessing().offset()));
        parameters.put("batching", v.batching());
        out.put("parameters", parameters);
        return out;
    }

    private static Map<String, Object> tensor(TensorSpec spec) {
        return Map.of("name", spec.name(), "datatype", spec.datatype().oipName(), "shape", spec.wireShape());
    }

}
