/**
 * The CPU backend: runs models on the project's CPU kernel on the calling thread pool, measures each
 * batch's CPU time and attributes energy to it through {@link io.tnet.service.energy.CpuEnergyMeter}.
 */
package io.tnet.service.backend.cpu;
