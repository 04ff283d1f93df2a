package io.tnet.model.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the {@code tnet} command line: model tooling, training, experiments, RTL generation. */
@Command(name = "tnet", mixinStandardHelpOptions = true, version = "tnet 0.1.0",
        description = "Threshold-Net model tooling.",
        subcommands = {CommandLine.HelpCommand.class})
public final class TnetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with every subcommand found on the class path. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TnetCommand());
        for (TnetSubcommand sub : ServiceLoader.load(TnetSubcommand.class)) {
            cli.addSubcommand(sub);
        }
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
