package io.tnet.model.experiment;

import io.tnet.model.cli.TnetSubcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tnet experiment}: research experiments behind the project's design choices. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Research experiments behind design choices.",
        subcommands = {EdgeOfStabilityCommand.class})
public final class ExperimentCommand implements Runnable, TnetSubcommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
