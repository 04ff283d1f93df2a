/**
 * The Threshold-Net inference service: a Spring Boot application serving threshold-network models over
 * the Open Inference Protocol v2. Packaged by feature: {@code inference} (the OIP API and batching),
 * {@code models} (repository, loading, versions), {@code backend} (the compute SPI and its {@code cpu} and
 * {@code fpga} implementations), {@code energy}, {@code metrics}; {@code web} holds the one error mapping.
 */
package io.tnet.service;
