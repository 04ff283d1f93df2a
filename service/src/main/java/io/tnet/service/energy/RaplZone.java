package io.tnet.service.energy;

import java.nio.file.Path;

/**
 * One top-level RAPL power zone (a CPU package) found under powercap sysfs.
 *
 * @param name             the zone's {@code name} file, e.g. {@code package-0}
 * @param energyFile       its {@code energy_uj} counter
 * @param maxEnergyRangeUj the value at which {@code energy_uj} wraps to zero ({@code max_energy_range_uj})
 */
public record RaplZone(String name, Path energyFile, long maxEnergyRangeUj) {
}
