package io.tnet.model.cli;

/**
 * Service-provider interface for {@code tnet} subcommands that live outside model-store. An
 * implementation is a picocli {@code @Command} class with a public no-argument constructor, listed in
 * {@code META-INF/services/io.tnet.model.cli.TnetSubcommand}.
 */
public interface TnetSubcommand {
}
