package io.tnet.service.models.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tnet.service.ServiceException;
import io.tnet.service.ServiceException.Status;
import io.tnet.service.models.BearerAuth;
import io.tnet.service.models.ModelManager;
import io.tnet.service.models.ModelsProperties;
import io.tnet.service.web.ModelPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model repository extension: {@code POST /v2/repository/index}, {@code POST
 * /v2/repository/models/{m}/load|unload}, and model upload, either {@code PUT
 * /v2/repository/models/{m}/versions/{v}} with the safetensors file as body, or Triton's spelling: a
 * load request whose {@code parameters} carry {@code "file:<v>/model.safetensors": <base64>}.
 */
@RestController
@Tag(name = "repository", description = "Model repository extension: index, load, unload, upload")
public class RepositoryController {

    private static final Pattern FILE_PARAMETER = Pattern.compile("file:(\\d+)/model\\.safetensors");

    private final ModelManager models;
    private final BearerAuth auth;
    private final long maxUpload;

    public RepositoryController(ModelManager models, BearerAuth auth, ModelsProperties properties) {
        this.models = models;
        this.auth = auth;
        this.maxUpload = properties.maxUploadSize().toBytes();
    }

    @Operation(summary = "Every model version of the repository with its state; body {\"ready\": true} filters")
    @PostMapping("/v2/repository/index")
    public List<Map<String, Object>> index(@RequestBody(required = false) Map<String, Object> body) {
        boolean ready = body != null && Boolean.TRUE.equals(body.get("ready"));
        return models.index(ready);
    }

    @Operation(summary = "(Re)load a model: its policy's versions load, then swap in atomically")
    @PostMapping("/v2/repository/models/{model}/load")
    public Map<String, Object> load(@PathVariable String model, @RequestBody(required = false) Map<String, Object> body,
                                    @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Object params = body == null ? null : body.get("parameters");
        if (params instanceof Map<?, ?> p && p.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("file:"))) {
            auth.requireForUpload(authorization);
            for (var e : p.entrySet()) {
                Matcher m = FILE_PARAMETER.matcher(String.valueOf(e.getKey()));
                if (!m.matches()) {
                    if (String.valueOf(e.getKey()).startsWith("file:")) {
                        throw ServiceException.badRequest("unsupported file parameter '" + e.getKey()
                                + "' (use file:<version>/model.safetensors)");
                    }
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(String.valueOf(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw ServiceException.badRequest("parameter '" + e.getKey() + "' is not base64: " + ex.getMessage());
                }
                models.upload(model, ModelPaths.version(m.group(1)), bytes, true);
            }
            return state(models.load(model));
        }
        auth.requireForManagement(authorization);
        return state(models.load(model));
    }

    @Operation(summary = "Unload a model; in-flight requests finish first")
    @PostMapping("/v2/repository/models/{model}/unload")
    public Map<String, Object> unload(@PathVariable String model,
                                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        auth.requireForManagement(authorization);
        return state(models.unload(model));
    }

    @Operation(summary = "Upload a new model version (safetensors body, bearer token); serving models reload")
    @PutMapping("/v2/repository/models/{model}/versions/{version}")
    public Map<String, Object> upload(@PathVariable String model, @PathVariable String version,
                                      @RequestParam(defaultValue = "true") boolean load, HttpServletRequest request,
                                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        auth.requireForUpload(authorization);
        int v = ModelPaths.version(version);
        return state(models.upload(model, v, readBody(request), load));
    }

    private byte[] readBody(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxUpload) {
            throw new ServiceException(Status.PAYLOAD_TOO_LARGE, "upload of " + declared + " bytes exceeds the limit of "
                    + maxUpload + " (tnet.models.max-upload-size)");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) (declared >= 0 ? declared : maxUpload + 1));
            if (body.length > maxUpload) {
                throw new ServiceException(Status.PAYLOAD_TOO_LARGE, "upload exceeds the limit of " + maxUpload
                        + " bytes (tnet.models.max-upload-size)");
            }
            return body;
        } catch (IOException e) {
            throw ServiceException.badRequest("could not read the upload: " + e.getMessage());
        }
    }

    private static Map<String, Object> state(ModelManager.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        out.put("state", e.state().name());
        out.put("versions", new TreeSet<>(e.versions().keySet()).stream().map(String::valueOf).toList());
        if (!e.reason().isEmpty()) {
            out.put("reason", e.reason());
        }
        return out;
    }
}
