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
        cli.setExecutionExceptionHandler(TnetCommand::reportError);
        for (TnetSubcommand sub : ServiceLoader.load(TnetSubcommand.class)) {
            cli.addSubcommand(sub);
        }
        return cli;
    }

    /**
     * Errors a user can act on (an invalid model, a bad input file, a missing file, a repository problem)
     * print one line and exit with status 1; anything else is a bug and keeps its stack trace.
     */
    private static int reportError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof io.tnet.model.InvalidModelException || e instanceof IllegalArgumentException
                || e instanceof java.io.IOException || e instanceof io.tnet.model.repository.ModelRepositoryException) {
            String message = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
            cli.getErr().println("tnet " + cli.getCommandName() + ": " + message);
            cli.getErr().flush();
            return 1;
        }
        throw e;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
