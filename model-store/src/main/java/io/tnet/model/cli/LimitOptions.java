package io.tnet.model.cli;

import io.tnet.model.format.ReadLimits;
import picocli.CommandLine.Option;

/** The reader's size limits as command-line options, shared by the subcommands that read models. */
final class LimitOptions {

    @Option(names = "--max-header-bytes", paramLabel = "N", description = "Largest safetensors header accepted (default: ${DEFAULT-VALUE}).")
    long maxHeaderBytes = ReadLimits.DEFAULTS.maxHeaderBytes();

    @Option(names = "--max-model-bytes", paramLabel = "N", description = "Largest model file accepted (default: ${DEFAULT-VALUE}).")
    long maxModelBytes = ReadLimits.DEFAULTS.maxModelBytes();

    @Option(names = "--max-activation-elements", paramLabel = "N",
            description = "Largest per-sample tensor a layer may produce (default: ${DEFAULT-VALUE}).")
    long maxActivationElements = ReadLimits.DEFAULTS.maxActivationElements();

    ReadLimits limits() {
        return new ReadLimits(maxHeaderBytes, maxModelBytes, maxActivationElements);
    }
}
