package io.tnet.service.backend.fpga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.service.backend.BackendException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a usable device the backend says why and refuses work; it never fails the service. */
class FpgaBackendUnavailableTest {

    private static FpgaBackendProperties props(String device) {
        return new FpgaBackendProperties(device, 16, 32, "", Duration.ofSeconds(1), 0, 0.1, "",
                new FpgaBackendProperties.Power("", "microwatts", "", "/sys/class/hwmon"));
    }

    @Test
    void noDeviceConfigured() {
        FpgaBackend b = new FpgaBackend(props(""));
        assertThat(b.availability().available()).isFalse();
        assertThat(b.availability().describe()).startsWith("unavailable: no device configured")
                .contains("tnet.backend.fpga.device");
        assertThat(b.compatibility(FpgaTestModels.TN).compatible()).isFalse();
        assertThatThrownBy(() -> b.prepare(FpgaTestModels.TN)).isInstanceOf(BackendException.class)
                .hasMessageContaining("unavailable");
    }

    @Test
    void missingCardFilesAreTheReason() {
        FpgaBackend b = new FpgaBackend(props("xdma:/nonexistent/xdma0"));
        assertThat(b.availability().reason()).contains("/nonexistent/xdma0_user");
        assertThat(b.deviceInfo()).isEmpty();
    }

    @Test
    void aMockDeviceIsAvailableAndRefusesWhatItCannotRun() {
        FpgaBackend b = new FpgaBackend(props("mock"));
        try {
            assertThat(b.availability().available()).isTrue();
            assertThat(b.deviceInfo().orElseThrow().pe()).isEqualTo(16);
            assertThat(b.compatibility(FpgaTestModels.TN).compatible()).isTrue();
            assertThat(b.compatibility(FpgaTestModels.FLOAT).reason()).contains("FLOAT32");
        } finally {
            b.close();
        }
    }
}
