package io.tnet.service.inference;

import io.tnet.model.Model;
import io.tnet.service.ServiceException;
import io.tnet.service.metrics.Outcome;
import io.tnet.service.models.Execution;
import io.tnet.service.models.LoadedVersion;
import io.tnet.service.models.ModelManager;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Runs one OIP inference request end to end: resolves and holds the model version (so a reload lets it
 * finish on the version it started on), parses and converts the input, runs it (batched), writes the
 * response, and records outcome, latency and statistics.
 */
@Service
public class InferenceService {

    private final ModelManager models;

    public InferenceService(ModelManager models) {
        this.models = models;
    }

    /**
     * Infers on {@code model} (version {@code version}, or the newest serving one).
     *
     * @param body         the request body
     * @param headerLength {@code Inference-Header-Content-Length}, or -1 for plain JSON
     * @param startNanos   {@link System#nanoTime()} when the request arrived
     */
    public InferenceResponse infer(String model, Optional<Integer> version, BodySupplier body, long headerLength,
                                   long startNanos) {
        LoadedVersion lv = models.acquire(model, version);
        String backend = lv.backend();
        try {
            long t0 = System.nanoTime();
            InferenceRequest request = RequestParser.parse(body.get(), headerLength);
            Model m = lv.model();
            var plans = ResponseWriter.plan(request, m);
            InputConverter.Rows rows = InputConverter.convert(request, m);
            lv.stats().computeInput(System.nanoTime() - t0);
            Execution ex = lv.infer(rows.raw(), rows.samples());
            backend = ex.backend();
            long t1 = System.nanoTime();
            InferenceResponse response = ResponseWriter.write(request, plans, m, lv.modelName(), lv.version(),
                    rows.samples(), ex);
            long end = System.nanoTime();
            lv.stats().computeOutput(end - t1);
            lv.stats().success(end - startNanos, rows.samples());
            lv.meters(backend).request(Outcome.SUCCESS, end - startNanos);
            return response;
        } catch (ServiceException e) {
            long end = System.nanoTime();
            lv.stats().fail(end - startNanos);
            lv.meters(backend).request(outcome(e), end - startNanos);
            throw e;
        } catch (RuntimeException e) {
            long end = System.nanoTime();
            lv.stats().fail(end - startNanos);
            lv.meters(backend).request(Outcome.ERROR, end - startNanos);
            throw e;
        } finally {
            lv.release();
        }
    }

    /** Reads the request body; may throw 413/415/400 which count against the model's outcomes. */
    @FunctionalInterface
    public interface BodySupplier {
        byte[] get();
    }

    private static Outcome outcome(ServiceException e) {
        return switch (e.status()) {
            case TOO_MANY_REQUESTS -> Outcome.REJECTED;
            case UNAVAILABLE -> e.getMessage().contains("timed out") ? Outcome.TIMEOUT : Outcome.UNAVAILABLE;
            case INTERNAL -> Outcome.ERROR;
            default -> Outcome.BAD_REQUEST;
        };
    }

    /** Names of the extensions the server supports (server metadata). */
    public static List<String> extensions() {
        return List.of("binary_tensor_data", "classification", "model_repository", "statistics");
    }
}
