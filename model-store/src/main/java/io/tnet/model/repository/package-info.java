/**
 * The on-disk model repository ({@code <repo>/<model>/<version>/model.safetensors} plus an optional
 * {@code config.json} per model): listing, loading, per-model configuration and atomic publishing.
 */
package io.tnet.model.repository;
