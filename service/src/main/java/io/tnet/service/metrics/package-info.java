/**
 * Every meter the service publishes, declared in one place ({@link io.tnet.service.metrics.TnetMetrics})
 * with its name, unit, tags and histogram buckets. Prometheus renders the dotted names with their base
 * unit, e.g. {@code tnet.inference.request.duration} becomes {@code tnet_inference_request_duration_seconds}.
 */
package io.tnet.service.metrics;
