package io.tnet.service.backend.fpga;

import io.tnet.fpga.DeviceInfo;
import io.tnet.fpga.FpgaDevice;
import io.tnet.fpga.FpgaException;
import io.tnet.fpga.FpgaModel;
import io.tnet.fpga.NativeDriver;
import io.tnet.fpga.RunStats;
import io.tnet.fpga.SimulationBuilder;
import io.tnet.fpga.Transports;
import io.tnet.fpga.energy.ActivityEnergyModel;
import io.tnet.fpga.energy.BoardPowerSensor;
import io.tnet.fpga.energy.EnergyEstimate;
import io.tnet.fpga.energy.PowerParsing;
import io.tnet.fpga.gen.AcceleratorConfig;
import io.tnet.model.Model;
import io.tnet.service.backend.Availability;
import io.tnet.service.backend.BackendException;
import io.tnet.service.backend.BatchResult;
import io.tnet.service.backend.Compatibility;
import io.tnet.service.backend.ComputeStats;
import io.tnet.service.backend.EnergySource;
import io.tnet.service.backend.InferenceBackend;
import io.tnet.service.backend.PreparedModel;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code fpga} backend: INT8 ThresholdDense models on the generated accelerator.
 *
 * <p>The device is opened once at start ({@code tnet.backend.fpga.device}); any failure (no device
 * configured, native library missing, Verilator missing, device files absent, identity mismatch) leaves
 * the backend unavailable with that reason, and the service serves on the CPU. Compatibility is the
 * packer's refusal list (FLOAT32 models, Conv/Dense layers, sizes), so {@code auto} falls back with a
 * precise reason.
 *
 * <p>A device fault during a run (timeout, ERROR register, I/O) is thrown as {@link BackendException}:
 * the service trips the backend's circuit breaker and reruns the batch on the CPU. The backend then
 * reopens the device before the next run, which resets a simulated or mock accelerator; models upload
 * their parameters again on first use. Thread-safe: runs on one device are serialized by the driver.
 */
@Component
public class FpgaBackend implements InferenceBackend {

    /** Backend name in configuration and metrics. */
    public static final String NAME = "fpga";

    private static final Logger LOG = LoggerFactory.getLogger(FpgaBackend.class);

    private final FpgaBackendProperties properties;
    private final String uri;
    private final String unavailableReason;
    private final EnergySource energySource;
    private final BoardPowerSensor sensor;
    private volatile FpgaDevice device;
    private volatile String faultReason = "";

    public FpgaBackend(FpgaBackendProperties properties) {
        this.properties = properties;
        String resolved = null;
        String reason = "";
        FpgaDevice opened = null;
        try {
            resolved = resolveUri(properties);
            opened = FpgaDevice.open(resolved);
        } catch (FpgaException | IOException | IllegalStateException | IllegalArgumentException e) {
            reason = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        this.uri = resolved;
        this.device = opened;
        this.unavailableReason = opened == null ? strip(reason) : "";
        this.sensor = opened != null ? sensor(properties.power()) : null;
        this.energySource = opened == null ? EnergySource.MODEL : switch (opened.info().transport()) {
            case "sim" -> EnergySource.SIM;
            case "xdma" -> sensor != null ? EnergySource.SENSOR : EnergySource.MODEL;
            default -> EnergySource.MODEL;
        };
        if (opened != null) {
            DeviceInfo i = opened.info();
            LOG.info("fpga backend: {} (PE={}, SIMD={}, {} MHz nominal), energy source {}", i.uri(), i.pe(), i.simd(),
                    i.clockMhz(), energySource.label());
        } else {
            LOG.info("fpga backend unavailable: {}", unavailableReason);
        }
    }

    private static String strip(String reason) {
        return reason.startsWith("unavailable: ") ? reason.substring("unavailable: ".length()) : reason;
    }

    /** The driver URI for the configured device, building the simulation library if needed. */
    static String resolveUri(FpgaBackendProperties p) throws IOException {
        String d = p.device().strip();
        if (d.isEmpty()) {
            throw new IllegalStateException("no device configured (set tnet.backend.fpga.device to sim, mock or a "
                    + "driver URI such as xdma:/dev/xdma0)");
        }
        NativeDriver.Availability lib = NativeDriver.availability();
        if (!lib.available()) {
            throw new IllegalStateException(lib.reason());
        }
        AcceleratorConfig config = AcceleratorConfig.DEFAULT.withParallelism(p.pe(), p.simd());
        return switch (d) {
            case "mock" -> Transports.mock(config, p.mockOptions());
            case "sim" -> {
                NativeDriver.Availability v = SimulationBuilder.availability();
                if (!v.available()) {
                    throw new IllegalStateException(v.reason());
                }
                Path cache = p.simCache().isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "tnet-sim")
                        : Path.of(p.simCache());
                yield Transports.sim(SimulationBuilder.build(config, cache));
            }
            default -> d;
        };
    }

    private static BoardPowerSensor sensor(FpgaBackendProperties.Power p) {
        try {
            PowerParsing.Unit unit = PowerParsing.Unit.parse(p.unit());
            if (!p.file().isBlank()) {
                return new BoardPowerSensor(Path.of(p.file()), unit);
            }
            if (!p.hwmonName().isBlank()) {
                Optional<Path> f = BoardPowerSensor.discover(Path.of(p.hwmonRoot()), p.hwmonName());
                if (f.isPresent()) {
                    return new BoardPowerSensor(f.get(), unit);
                }
                LOG.warn("fpga backend: no hwmon device named '{}' under {}; energy falls back to the activity model",
                        p.hwmonName(), p.hwmonRoot());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("fpga backend: board power sensor not usable ({}); energy falls back to the activity model",
                    e.getMessage());
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        if (!unavailableReason.isEmpty()) {
            return Availability.unavailable(unavailableReason);
        }
        if (device == null) {
            return Availability.unavailable("device lost after a fault and not reopened: " + faultReason);
        }
        return Availability.up();
    }

    /** What the device reported at open, if it is open. */
    public Optional<DeviceInfo> deviceInfo() {
        FpgaDevice d = device;
        return d == null ? Optional.empty() : Optional.of(d.info());
    }

    @Override
    public Compatibility compatibility(Model model) {
        FpgaDevice d = device;
        if (d == null) {
            return Compatibility.no(availability().describe());
        }
        List<String> refusals = FpgaModel.refusals(model, d.info());
        return refusals.isEmpty() ? Compatibility.yes() : Compatibility.no(String.join("; ", refusals));
    }

    @Override
    public PreparedModel prepare(Model model) {
        FpgaDevice d = device;
        if (d == null) {
            throw new BackendException("fpga " + availability().describe());
        }
        try {
            return new Prepared(model, FpgaModel.load(d, model));
        } catch (FpgaException e) {
            throw new BackendException("fpga: cannot load model " + model.name() + ": " + e.getMessage(), e);
        }
    }

    /** Clock used for device time and energy, in Hz. */
    double clockHz(DeviceInfo info) {
        return (properties.clockMhz() > 0 ? properties.clockMhz() : info.clockMhz()) * 1e6;
    }

    /**
     * Closes a faulted device and opens a fresh one (a new simulated or mock instance; on a real card the
     * same files), so the next run after the breaker's cool-down starts from a clean accelerator.
     */
    private synchronized FpgaDevice reopen(FpgaDevice failed, String why) {
        if (device != failed) {
            return device;
        }
        faultReason = why;
        device = null;
        failed.close();
        try {
            device = FpgaDevice.open(uri);
            LOG.info("fpga backend: reopened {} after a fault", uri);
        } catch (FpgaException e) {
            LOG.warn("fpga backend: reopening {} failed: {}", uri, e.getMessage());
        }
        return device;
    }

    @PreDestroy
    void close() {
        FpgaDevice d = device;
        device = null;
        if (d != null) {
            d.close();
        }
    }

    /** A model version on the device; follows the device across reopenings. */
    private final class Prepared implements PreparedModel {

        private final Model model;
        private volatile FpgaModel loaded;

        Prepared(Model model, FpgaModel loaded) {
            this.model = model;
            this.loaded = loaded;
        }

        @Override
        public Model model() {
            return model;
        }

        @Override
        public String backend() {
            return NAME;
        }

        @Override
        public BatchResult run(float[] raw, int batch) {
            FpgaModel m = current();
            long t0 = System.nanoTime();
            BoardPowerSensor.Mark mark = null;
            try {
                if (sensor != null) {
                    mark = sensor.mark();
                }
                FpgaModel.Result r = m.infer(raw, batch, properties.timeout());
                long wall = System.nanoTime() - t0;
                DeviceInfo info = m.device().info();
                double hz = clockHz(info);
                EnergyEstimate e = mark != null ? sensor.since(mark)
                        : ActivityEnergyModel.horowitz45nm(info.config(), hz, properties.staticWatts(),
                                energySource.label()).estimate(r.stats());
                RunStats s = r.stats();
                return new BatchResult(r.logits(), new ComputeStats(wall, e.joules(), energySource, s.cycles(),
                        Math.round(s.cycles() * 1e9 / hz)));
            } catch (FpgaException e) {
                if (e.isDeviceFault()) {
                    reopen(m.device(), e.getMessage());
                }
                throw new BackendException("fpga: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new BackendException("fpga: board power sensor failed: " + e.getMessage(), e);
            }
        }

        /** The model on the current device, reloading it after the device was reopened. */
        private FpgaModel current() {
            FpgaModel m = loaded;
            FpgaDevice d = device;
            if (d == null) {
                throw new BackendException("fpga " + availability().describe());
            }
            if (m.device() != d) {
                try {
                    m = FpgaModel.load(d, model);
                } catch (FpgaException e) {
                    throw new BackendException("fpga: reloading " + model.name() + " failed: " + e.getMessage(), e);
                }
                loaded = m;
            }
            return m;
        }

        @Override
        public long residentBytes() {
            return loaded.packed().images().values().stream().mapToLong(b -> b.length).sum();
        }

        @Override
        public void close() {
            // parameters live in card memory owned by the device; nothing to release per model
        }
    }
}
