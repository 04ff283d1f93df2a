/**
 * Energy and power of inference on the CPU: a RAPL reader over powercap sysfs (parsing kept apart from
 * acquisition so it is testable on a fake tree), machine CPU time from {@code /proc/stat}, and the
 * attribution of energy to batches by their share of CPU time, or a documented model where RAPL is
 * absent. Every figure carries its {@link io.tnet.service.backend.EnergySource}.
 */
package io.tnet.service.energy;
