/**
 * Energy and power of accelerator runs: {@link io.tnet.fpga.energy.ActivityEnergyModel} (operation
 * and cycle counters times energy per operation, Horowitz ISSCC 2014 at 45 nm, plus static power) for
 * {@code sim:} and {@code mock:}, and {@link io.tnet.fpga.energy.BoardPowerSensor} (hwmon/sysfs board
 * power, parsing separated from acquisition) for real cards on {@code xdma:}.
 */
package io.tnet.fpga.energy;
