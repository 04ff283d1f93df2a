/**
 * Model management: the repository the service serves from ({@link io.tnet.service.models.ModelSource}),
 * per-model settings ({@code config.json}), version policies, loading onto a backend through the
 * {@link io.tnet.service.backend.Dispatcher}, dynamic batching, atomic reload with draining of the
 * retired version, readiness and Triton-style statistics. HTTP adapters live in {@code web}.
 */
package io.tnet.service.models;
