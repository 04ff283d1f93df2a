package io.tnet.service.energy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the CPU energy meter from {@link EnergyProperties}. */
@Configuration(proxyBeanMethods = false)
class EnergyConfiguration {

    @Bean
    CpuEnergyMeter cpuEnergyMeter(EnergyProperties properties) {
        return new CpuEnergyMeter(properties);
    }
}
