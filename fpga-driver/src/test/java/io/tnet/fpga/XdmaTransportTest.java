package io.tnet.fpga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.fpga.gen.AcceleratorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit on the {@code xdma:} transport, against a fake card made of ordinary files
 * (the BAR as a mmap'ed file, card memory behind h2c/c2h symlinks, a FIFO as the events device)
 * served by {@code tn_fake_xdma_card}, which runs the accelerator model. This exercises the real
 * transport code: mmap register access, pwrite/pread at card addresses, poll on events with a
 * timeout, completion confirmed from ISR.
 */
class XdmaTransportTest extends TransportCompatibilityTest {

    private static final Path NATIVE = Path.of(System.getProperty("tnet.native.dir", "target/native"));
    private static final List<Process> CARDS = new ArrayList<>();
    private static final Map<String, String> URIS = new HashMap<>();

    @AfterAll
    static void stopCards() throws InterruptedException {
        for (Process p : CARDS) {
            try {
                p.getOutputStream().close(); // the card exits when its stdin closes
            } catch (IOException ignored) {
                // already gone
            }
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    String uri(AcceleratorConfig config) {
        return card(config, "");
    }

    @Override
    String stuckUri(AcceleratorConfig config) {
        return card(config, "hang_after=0");
    }

    @Override
    String transportName() {
        return "xdma";
    }

    @Override
    boolean refusesWritesToOut() {
        return false; // card memory is a plain file here
    }

    /** One fake card per configuration and fault option, started on first use. */
    private static synchronized String card(AcceleratorConfig config, String extra) {
        String options = Transports.mock(config, extra).substring("mock:".length());
        return URIS.computeIfAbsent(options, o -> {
            try {
                Path dir = Files.createTempDirectory("tn-xdma");
                Path prefix = dir.resolve("xdma0");
                Process p = new ProcessBuilder(NATIVE.resolve("tn_fake_xdma_card").toString(), prefix.toString(), o)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                CARDS.add(p);
                String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if (!"ready".equals(line)) {
                    throw new IllegalStateException("fake card did not start: " + line);
                }
                return Transports.xdma(prefix.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void missingDeviceFilesAreReportedByPath() {
        assertThatThrownBy(() -> FpgaDevice.open("xdma:/nonexistent/xdma7"))
                .isInstanceOfSatisfying(FpgaException.class, e -> assertThat(e.status()).isEqualTo(FpgaException.ENODEV))
                .hasMessageContaining("/nonexistent/xdma7_user");
    }

    @Test
    void pollModeWorksWithoutTheEventsFile() throws Exception {
        String uri = card(AcceleratorConfig.DEFAULT, "");
        String prefix = uri.substring("xdma:".length());
        Files.delete(Path.of(prefix + "_events_0"));
        try (FpgaDevice d = FpgaDevice.open(uri + "?poll=1")) {
            FpgaModel m = FpgaModel.load(d, TestNetworks.mlp(3, 20, 5));
            byte[] q = TestNetworks.samples(1, 1, 20);
            assertThat(m.inferInt8(q, 1, TIMEOUT).output())
                    .isEqualTo(io.tnet.model.reference.ReferenceEvaluator.evaluateInt8(m.model(), q));
        } finally {
            // later tests of this configuration need the FIFO back: start a fresh card for them
            synchronized (XdmaTransportTest.class) {
                URIS.values().remove(uri);
            }
        }
    }
}
