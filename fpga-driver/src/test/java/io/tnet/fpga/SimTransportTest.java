package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.fpga.gen.AcceleratorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit on the {@code sim:} transport: the generated RTL, Verilated into a shared
 * library, driven cycle by cycle through its AXI ports by the same C driver and Java API. Together
 * with {@link MockTransportTest} this is the equivalence chain reference = mock = RTL (exact in int8,
 * cycle counts equal to the generator's {@link io.tnet.fpga.gen.CycleModel}). Needs verilator (CI
 * installs it); builds are cached under {@code target/sim-cache}.
 */
class SimTransportTest extends TransportCompatibilityTest {

    static final Path CACHE = Path.of("target/sim-cache");

    /** Three PE/SIMD configurations (each costs one Verilator build). */
    static Stream<AcceleratorConfig> configs() {
        return TransportCompatibilityTest.configs();
    }

    static String simUri(AcceleratorConfig config, String options) {
        try {
            return Transports.sim(SimulationBuilder.build(config, CACHE)) + options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String uri(AcceleratorConfig config) {
        return simUri(config, "");
    }

    @Override
    String stuckUri(AcceleratorConfig config) {
        return simUri(config, "?max_cycles=1"); // the watchdog declares the run hung after one cycle
    }

    @Override
    String transportName() {
        return "sim";
    }

    @Test
    void verilatorIsAvailable() {
        assertThat(SimulationBuilder.availability().available()).as(SimulationBuilder.availability().reason()).isTrue();
    }
}
