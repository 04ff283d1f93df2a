package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lazy native-library holder: available in the build, "unavailable: reason" where it is missing. */
class NativeDriverTest {

    @Test
    void theBuiltLibraryIsAvailable() {
        assertThat(NativeDriver.availability()).isEqualTo(new NativeDriver.Availability(true, ""));
    }

    @Test
    void aMissingLibraryMakesTheDriverUnavailableInsteadOfFailing() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Dtnet.fpga.library=/nonexistent/libtnet_driver.so",
                "-cp", System.getProperty("java.class.path"), NativeDriverProbe.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("available=false")
                .contains("reason=native driver library tnet_driver not loadable")
                .contains("/nonexistent/libtnet_driver.so")
                .contains("open failed: unavailable: native driver library");
    }
}
