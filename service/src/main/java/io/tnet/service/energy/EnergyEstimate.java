package io.tnet.service.energy;

import io.tnet.service.backend.EnergySource;

/**
 * Energy attributed to a piece of work, with where the figure comes from.
 *
 * @param joules energy in joules, {@code >= 0}
 * @param source measurement or model that produced it
 */
public record EnergyEstimate(double joules, EnergySource source) {
}
