/**
 * Tests of the deployment artefacts in {@code docker/} and {@code helm/}: the chart rendered and parsed
 * into Kubernetes model objects, the alert rules through promtool, every dashboard query against a real
 * Prometheus scraping the real service, and the container image built and started with podman.
 */
package io.tnet.deploy;
