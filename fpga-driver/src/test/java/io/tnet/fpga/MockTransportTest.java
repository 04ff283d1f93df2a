package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.fpga.gen.AcceleratorConfig;
import org.junit.jupiter.api.Test;

/** The compatibility kit on the {@code mock:} transport (the C model of the accelerator). */
class MockTransportTest extends TransportCompatibilityTest {

    @Override
    String uri(AcceleratorConfig config) {
        return Transports.mock(config);
    }

    @Override
    String stuckUri(AcceleratorConfig config) {
        return Transports.mock(config, "hang_after=0");
    }

    @Override
    String transportName() {
        return "mock";
    }

    @Test
    void injectedErrorsSurfaceAsDeviceFaults() {
        AcceleratorConfig c = AcceleratorConfig.DEFAULT;
        try (FpgaDevice d = FpgaDevice.open(Transports.mock(c, "error_after=1&error_code=4"))) {
            FpgaModel m = FpgaModel.load(d, TestNetworks.mlp(1, 10, 3));
            assertThat(m.inferInt8(new byte[10], 1, TIMEOUT).output()).hasSize(3);
            assertThatThrownBy(() -> m.inferInt8(new byte[10], 1, TIMEOUT))
                    .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.EDEVICE));
        }
    }

    @Test
    void badUrisAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FpgaDevice.open("mock:pe=3"))
                .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.EURI))
                .hasMessageContaining("powers of two");
        assertThatThrownBy(() -> FpgaDevice.open("pcie:0000:01:00.0"))
                .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.EURI));
        assertThatThrownBy(() -> FpgaDevice.open("sim:/nonexistent/libtnsim.so"))
                .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.ENODEV))
                .hasMessageContaining("/nonexistent/libtnsim.so");
    }
}
