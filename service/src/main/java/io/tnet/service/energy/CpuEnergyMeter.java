package io.tnet.service.energy;

import io.tnet.service.backend.EnergySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes CPU energy to work by its CPU time.
 *
 * <p>With RAPL: every {@code sampleInterval} the package counters ({@link Powercap}) and the machine's
 * busy CPU time ({@link ProcStat}) are read; over that window {@code joulesPerCpuSecond = package energy
 * / busy CPU seconds of all processes}. A batch that used {@code c} CPU seconds is attributed {@code c x
 * joulesPerCpuSecond}: its share of CPU time times the package energy (idle power is spread over busy
 * time). Source {@code rapl}.
 *
 * <p>Without RAPL (absent, unreadable, disabled, or before the first full window): {@code c x
 * wattsPerCore}, source {@code model}. Nothing is labelled {@code rapl} that was not derived from a
 * counter reading.
 *
 * <p>Thread-safe; re-sampling happens lazily on the calling thread, at most once per interval.
 */
public final class CpuEnergyMeter {

    private static final Logger LOG = LoggerFactory.getLogger(CpuEnergyMeter.class);

    private final Path procStat;
    private final double wattsPerCore;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final List<RaplZone> zones;
    private final String raplProblem;

    private final Object lock = new Object();
    private long[] lastEnergy;
    private long lastBusyNanos = -1;
    private long lastSampleAt;
    private volatile double joulesPerCpuSecond = Double.NaN;
    private volatile String failure;

    public CpuEnergyMeter(EnergyProperties properties) {
        this(properties, System::nanoTime);
    }

    /** For tests: an explicit monotonic clock in nanoseconds. */
    public CpuEnergyMeter(EnergyProperties properties, LongSupplier clock) {
        this.procStat = properties.procStat();
        this.wattsPerCore = properties.wattsPerCore();
        this.intervalNanos = properties.sampleInterval().toNanos();
        this.clock = clock;
        if (properties.raplEnabled()) {
            Powercap.Discovery d = Powercap.discover(properties.powercapRoot());
            this.zones = d.zones();
            this.raplProblem = d.present() ? null : d.problem();
        } else {
            this.zones = List.of();
            this.raplProblem = "disabled by tnet.energy.rapl-enabled=false";
        }
        if (zones.isEmpty()) {
            LOG.info("CPU energy: RAPL not used ({}); estimating with the model: CPU seconds x {} W per core",
                    raplProblem, wattsPerCore);
        } else {
            LOG.info("CPU energy: RAPL zones {}", zones.stream().map(RaplZone::name).toList());
            sample();
        }
    }

    /** Energy attributed to work that used {@code cpuNanos} of CPU time. */
    public EnergyEstimate attribute(long cpuNanos) {
        double cpuSeconds = Math.max(0, cpuNanos) * 1e-9;
        if (!zones.isEmpty()) {
            maybeSample();
            double ratio = joulesPerCpuSecond;
            if (ratio >= 0 && failure == null) {
                return new EnergyEstimate(cpuSeconds * ratio, EnergySource.RAPL);
            }
        }
        return new EnergyEstimate(cpuSeconds * wattsPerCore, EnergySource.MODEL);
    }

    /** The source {@link #attribute} currently uses. */
    public EnergySource currentSource() {
        return !zones.isEmpty() && joulesPerCpuSecond >= 0 && failure == null ? EnergySource.RAPL : EnergySource.MODEL;
    }

    /** Human description for logs and the server metadata, e.g. {@code "model: no intel-rapl zones ..."}. */
    public String describe() {
        if (zones.isEmpty()) {
            return "model (" + wattsPerCore + " W per busy core): RAPL " + raplProblem;
        }
        if (failure != null) {
            return "model (" + wattsPerCore + " W per busy core): RAPL read failed: " + failure;
        }
        return "rapl " + zones.stream().map(RaplZone::name).toList();
    }

    private void maybeSample() {
        if (clock.getAsLong() - lastSampleAt >= intervalNanos) {
            sample();
        }
    }

    private void sample() {
        synchronized (lock) {
            long now = clock.getAsLong();
            if (lastEnergy != null && now - lastSampleAt < intervalNanos) {
                return;
            }
            try {
                long[] energy = new long[zones.size()];
                for (int i = 0; i < energy.length; i++) {
                    energy[i] = Powercap.readLong(zones.get(i).energyFile());
                }
                long busy = ProcStat.busyNanos(procStat);
                if (lastEnergy != null && busy > lastBusyNanos) {
                    long uj = 0;
                    for (int i = 0; i < energy.length; i++) {
                        uj += Powercap.deltaMicrojoules(lastEnergy[i], energy[i], zones.get(i).maxEnergyRangeUj());
                    }
                    joulesPerCpuSecond = (uj * 1e-6) / ((busy - lastBusyNanos) * 1e-9);
                }
                lastEnergy = energy;
                lastBusyNanos = busy;
                failure = null;
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    LOG.warn("CPU energy: RAPL read failed, using the model until it recovers: {}", e.toString());
                }
                failure = e.toString();
                lastEnergy = null;
            }
            lastSampleAt = now;
        }
    }
}
