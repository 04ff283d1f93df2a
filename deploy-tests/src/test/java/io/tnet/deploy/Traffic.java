package io.tnet.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Inference traffic for the bundled models, from the example requests in {@code docs/examples/}
 * (one OIP v2 JSON request per model): bounded in count, loopback only.
 */
final class Traffic {

    /** One example: the model name and its request body. */
    record Example(String model, String body) {
    }

    /**
     * What was sent and how it was answered: 200, 400 (the malformed requests), and overload answers
     * (429 queue full, 503 timeout) which a loaded machine may give; any other status is counted apart.
     */
    record Counts(int ok, int badRequests, int overloaded, int other) {
    }

    private Traffic() {
    }

    /** Every {@code docs/examples/<model>.json} request (expected-result files excluded). */
    static List<Example> examples() throws IOException {
        Path dir = RepoPaths.root().resolve("docs/examples");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no example requests in " + dir + " (the bundled models' docs/examples)");
        }
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") && !name.endsWith(".expected.json")) {
                    examples.add(new Example(name.substring(0, name.length() - ".json".length()), Files.readString(p)));
                }
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalStateException("no example requests in " + dir);
        }
        return examples;
    }

    /**
     * The examples whose model the service has loaded and ready ({@code GET /v2/models/<m>/ready}); an
     * example for a model that is not bundled (yet) is left out, but {@code mnist-tn-mlp} must be served.
     */
    static List<Example> served(Function<String, URI> uri, List<Example> examples) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Example> served = new ArrayList<>();
        for (Example e : examples) {
            var r = http.send(HttpRequest.newBuilder(uri.apply("/v2/models/" + e.model() + "/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                served.add(e);
            }
        }
        if (served.stream().noneMatch(e -> e.model().equals("mnist-tn-mlp"))) {
            throw new IllegalStateException("mnist-tn-mlp is not served; served examples: " + served);
        }
        return served;
    }

    /**
     * Sends {@code perModel} good requests per example model from {@code clients} concurrent clients (so
     * that batches of more than one form), plus {@code badPerModel} malformed ones per model.
     */
    static Counts drive(Function<String, URI> uri, List<Example> examples, int perModel, int badPerModel, int clients)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < perModel; i++) {
                for (Example e : examples) {
                    results.add(pool.submit(() -> post(http, uri.apply("/v2/models/" + e.model() + "/infer"), e.body())));
                }
            }
            for (int i = 0; i < badPerModel; i++) {
                for (Example e : examples) {
                    results.add(pool.submit(() -> post(http, uri.apply("/v2/models/" + e.model() + "/infer"),
                            "{\"inputs\": [{\"name\": \"nope\", \"datatype\": \"FP32\", \"shape\": [1, 1], \"data\": [1]}]}")));
                }
            }
        }
        int ok = 0;
        int bad = 0;
        int overloaded = 0;
        int other = 0;
        for (Future<Integer> f : results) {
            switch (f.get()) {
                case 200 -> ok++;
                case 400 -> bad++;
                case 429, 503 -> overloaded++;
                default -> other++;
            }
        }
        return new Counts(ok, bad, overloaded, other);
    }

    static int post(HttpClient http, URI uri, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
