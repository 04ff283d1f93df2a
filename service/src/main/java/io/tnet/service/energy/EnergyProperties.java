package io.tnet.service.energy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CPU energy attribution ({@code tnet.energy.*}).
 *
 * @param raplEnabled    read RAPL counters when they are present and readable; {@code false} forces the model
 * @param powercapRoot   powercap sysfs root holding {@code intel-rapl:N} zones
 * @param procStat       file with the machine's CPU time counters (Linux {@code /proc/stat})
 * @param wattsPerCore   the model's power of one fully busy core, used where RAPL is absent: energy =
 *                       CPU seconds x this. 10 W is a middle value for a server core under vector load
 *                       (package TDP / cores of current Xeon/EPYC parts, 150-350 W / 16-64 cores)
 * @param sampleInterval how often the RAPL counters and machine CPU time are re-read to update the
 *                       joules-per-CPU-second ratio
 */
@ConfigurationProperties("tnet.energy")
public record EnergyProperties(
        @DefaultValue("true") boolean raplEnabled,
        @DefaultValue("/sys/class/powercap") Path powercapRoot,
        @DefaultValue("/proc/stat") Path procStat,
        @DefaultValue("10.0") double wattsPerCore,
        @DefaultValue("1s") Duration sampleInterval) {

    public EnergyProperties {
        if (!(wattsPerCore >= 0) || Double.isInfinite(wattsPerCore)) {
            throw new IllegalArgumentException("tnet.energy.watts-per-core must be a finite number >= 0, got " + wattsPerCore);
        }
        if (sampleInterval == null || sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("tnet.energy.sample-interval must be positive, got " + sampleInterval);
        }
    }
}
