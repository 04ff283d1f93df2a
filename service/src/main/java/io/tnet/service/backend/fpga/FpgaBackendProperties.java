package io.tnet.service.backend.fpga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FPGA backend ({@code tnet.backend.fpga.*}).
 *
 * @param device       which accelerator: empty (none: the backend reports unavailable), {@code sim} (build
 *                     and run the generated RTL under Verilator), {@code mock} (the C model), or a full
 *                     driver URI ({@code xdma:/dev/xdma0}, {@code sim:/path/libtnsim.so}, {@code mock:...})
 * @param pe           output parallelism of the accelerator generated for {@code sim}/{@code mock}
 * @param simd         input parallelism of the accelerator generated for {@code sim}/{@code mock}
 * @param mockOptions  extra {@code mock:} options, e.g. fault injection {@code hang_after=N}
 * @param timeout      longest wait for one accelerator run before it counts as a device fault
 * @param clockMhz     clock that turns device cycles into device time and energy; {@code 0} = the
 *                     generator's nominal clock (CLOCK_MHZ register)
 * @param staticWatts  static power of the activity energy model (W)
 * @param simCache     where simulation libraries are built and cached; empty = {@code <tmp>/tnet-sim}
 * @param power        board power sensor of a real card (energy source {@code sensor})
 */
@ConfigurationProperties("tnet.backend.fpga")
public record FpgaBackendProperties(@DefaultValue("") String device, @DefaultValue("16") int pe,
                                    @DefaultValue("32") int simd, @DefaultValue("") String mockOptions,
                                    @DefaultValue("5s") Duration timeout, @DefaultValue("0") int clockMhz,
                                    @DefaultValue("0.1") double staticWatts, @DefaultValue("") String simCache,
                                    @DefaultValue Power power) {

    public FpgaBackendProperties {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tnet.backend.fpga.timeout must be positive, got " + timeout);
        }
        if (clockMhz < 0 || staticWatts < 0) {
            throw new IllegalArgumentException("tnet.backend.fpga.clock-mhz and static-watts must be >= 0");
        }
    }

    /**
     * Board power sensor ({@code tnet.backend.fpga.power.*}).
     *
     * @param file       sysfs file with the board power (e.g. {@code /sys/class/hwmon/hwmon3/power1_input});
     *                   empty = look for a hwmon device named {@code hwmonName}
     * @param unit       unit of the number in the file: {@code microwatts} (hwmon), {@code milliwatts}, {@code watts}
     * @param hwmonName  substring of the hwmon {@code name} to discover when {@code file} is empty; empty = no sensor
     * @param hwmonRoot  where hwmon devices live
     */
    public record Power(@DefaultValue("") String file, @DefaultValue("microwatts") String unit,
                        @DefaultValue("") String hwmonName, @DefaultValue("/sys/class/hwmon") String hwmonRoot) {
    }
}
