package io.tnet.service.backend;

/**
 * Where an energy figure comes from; the {@code source} label of the energy metrics. Only {@link #RAPL}
 * and {@link #SENSOR} are measurements; {@link #MODEL} and {@link #SIM} are estimates and say so.
 */
public enum EnergySource {
    /** CPU package energy counters (Intel/AMD RAPL via powercap sysfs), attributed by CPU-time share. */
    RAPL("rapl"),
    /** Board power sensors of a real accelerator card (hwmon / XRT sysfs). */
    SENSOR("sensor"),
    /** A documented estimate (CPU time x configured per-core power), used where nothing is measurable. */
    MODEL("model"),
    /** An activity model of a simulated accelerator (operation/cycle counters x energy per operation). */
    SIM("sim");

    private final String label;

    EnergySource(String label) {
        this.label = label;
    }

    /** Lower-case label value, e.g. {@code "rapl"}. */
    public String label() {
        return label;
    }
}
