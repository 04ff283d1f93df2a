/**
 * The {@code tnet} command line. Every subcommand, this module's {@code inspect}, {@code validate} and
 * {@code eval} included, implements {@link io.tnet.model.cli.TnetSubcommand} and is found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.tnet.model.cli.TnetSubcommand}), so modules
 * downstream (e.g. fpga-driver's {@code tnet rtl}) add theirs without model-store knowing them.
 * {@code bin/tnet} runs it with the fpga-driver class path.
 */
package io.tnet.model.cli;
