/**
 * The {@code tnet} command line. Subcommands of this module are listed on {@link io.tnet.model.cli.TnetCommand};
 * modules downstream (e.g. fpga-driver's {@code tnet rtl}) contribute theirs through
 * {@link io.tnet.model.cli.TnetSubcommand} and {@link java.util.ServiceLoader}.
 */
package io.tnet.model.cli;
