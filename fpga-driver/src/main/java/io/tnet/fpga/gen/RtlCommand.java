package io.tnet.fpga.gen;

import io.tnet.model.Model;
import io.tnet.model.cli.TnetSubcommand;
import io.tnet.model.format.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet rtl}: generates the accelerator (Verilog, C header, manifest, optional golden vectors for a
 * model), writes the C header alone, or estimates a model's cycles on a configuration.
 */
@Command(name = "rtl", mixinStandardHelpOptions = true,
        description = "Generate the FPGA accelerator and check or estimate models for it.",
        subcommands = {RtlCommand.Generate.class, RtlCommand.Header.class, RtlCommand.Estimate.class})
public final class RtlCommand implements Runnable, TnetSubcommand {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** Accelerator parameters shared by the subcommands; defaults are {@link AcceleratorConfig#DEFAULT}. */
    static final class ConfigOptions {
        @Option(names = "--pe", description = "output parallelism (default ${DEFAULT-VALUE})")
        int pe = AcceleratorConfig.DEFAULT.pe();
        @Option(names = "--simd", description = "input parallelism (default ${DEFAULT-VALUE})")
        int simd = AcceleratorConfig.DEFAULT.simd();
        @Option(names = "--acc-width", description = "accumulator bits (default ${DEFAULT-VALUE})")
        int accWidth = AcceleratorConfig.DEFAULT.accWidth();
        @Option(names = "--max-inputs", description = "largest fan-in (default ${DEFAULT-VALUE})")
        int maxInputs = AcceleratorConfig.DEFAULT.maxInputs();
        @Option(names = "--max-outputs", description = "largest fan-out (default ${DEFAULT-VALUE})")
        int maxOutputs = AcceleratorConfig.DEFAULT.maxOutputs();
        @Option(names = "--max-layers", description = "descriptor slots (default ${DEFAULT-VALUE})")
        int maxLayers = AcceleratorConfig.DEFAULT.maxLayers();
        @Option(names = "--param-words", description = "THR/SGN depth in PE*SIMD words (default ${DEFAULT-VALUE})")
        int paramWords = AcceleratorConfig.DEFAULT.paramWords();
        @Option(names = "--bias-words", description = "BIAS depth in PE-bias words (default ${DEFAULT-VALUE})")
        int biasWords = AcceleratorConfig.DEFAULT.biasWords();
        @Option(names = "--in-words", description = "IN depth in SIMD-byte words (default ${DEFAULT-VALUE})")
        int inWords = AcceleratorConfig.DEFAULT.inWords();
        @Option(names = "--out-words", description = "OUT depth in SIMD-byte words (default ${DEFAULT-VALUE})")
        int outWords = AcceleratorConfig.DEFAULT.outWords();
        @Option(names = "--clock-mhz", description = "nominal clock for estimates (default ${DEFAULT-VALUE})")
        int clockMhz = AcceleratorConfig.DEFAULT.clockMhz();

        AcceleratorConfig toConfig() {
            return new AcceleratorConfig(pe, simd, 8, accWidth, maxInputs, maxOutputs, maxLayers, paramWords, biasWords,
                    inWords, outWords, clockMhz);
        }
    }

    /** {@code tnet rtl generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write rtl/*.v, include/tnet_accel_regs.h and manifest.json (and golden vectors with --model).")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "output directory")
        Path out;
        @ArgGroup(exclusive = false)
        ConfigOptions config = new ConfigOptions();
        @Option(names = "--model", description = "INT8 model (.safetensors) to pack into golden vectors")
        Path model;
        @Option(names = "--samples", description = "golden samples (default ${DEFAULT-VALUE})")
        int samples = 4;
        @Option(names = "--seed", description = "seed of the golden inputs (default ${DEFAULT-VALUE})")
        long seed = 1;

        @Override
        public Integer call() throws Exception {
            AcceleratorConfig c = config.toConfig();
            AcceleratorDesign design = AcceleratorDesign.of(c);
            List<Path> written = DesignWriter.write(design, out);
            System.out.println("wrote " + written.size() + " files to " + out + " (manifest hash "
                    + Manifest.hex32(design.manifest().hash32()) + ")");
            if (model != null) {
                Model m = ModelReader.read(model);
                List<String> refused = ModelPacker.refusals(m, c);
                if (!refused.isEmpty()) {
                    System.err.println("model refused: " + String.join("; ", refused));
                    return 3;
                }
                DesignWriter.write(GoldenVectors.render(m, c, samples, seed), out.resolve("golden"));
                System.out.println("wrote golden vectors to " + out.resolve("golden"));
            }
            return 0;
        }
    }

    /** {@code tnet rtl header}. */
    @Command(name = "header", mixinStandardHelpOptions = true, description = "Write the C register header.")
    static final class Header implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "header file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, Emitters.cHeader());
            return 0;
        }
    }

    /** {@code tnet rtl estimate}. */
    @Command(name = "estimate", mixinStandardHelpOptions = true,
            description = "Check a model against a configuration and print cycles per inference and throughput.")
    static final class Estimate implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "INT8 model (.safetensors)")
        Path model;
        @ArgGroup(exclusive = false)
        ConfigOptions config = new ConfigOptions();
        @Option(names = "--batch", description = "samples per run (default ${DEFAULT-VALUE})")
        int batch = 1;

        @Override
        public Integer call() {
            AcceleratorConfig c = config.toConfig();
            Model m = ModelReader.read(model);
            List<String> refused = ModelPacker.refusals(m, c);
            if (!refused.isEmpty()) {
                System.out.println("refused: " + String.join("; ", refused));
                return 3;
            }
            PackedModel p = ModelPacker.pack(m, c);
            int b = Math.min(batch, p.maxBatch());
            long cycles = p.cycles(b);
            double perSample = (double) cycles / b;
            System.out.printf("PE=%d SIMD=%d: %d cycles for batch %d (%.1f per inference), %.0f inferences/s at %d MHz%n",
                    c.pe(), c.simd(), cycles, b, perSample, c.clockMhz() * 1e6 / perSample, c.clockMhz());
            System.out.printf("on-card buffers: about %d RAMB36 %s%n", BramEstimate.total(c), BramEstimate.ramb36(c));
            return 0;
        }
    }
}
