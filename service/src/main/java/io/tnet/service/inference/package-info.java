/**
 * The Open Inference Protocol v2 inference path: parsing JSON and binary-extension requests, converting
 * client datatypes to the model's input, running them on a loaded model version, and writing the
 * response (raw logits, classification extension, binary outputs, per-request backend, time and
 * energy parameters). HTTP adapters, including health and server metadata, live in {@code web}.
 */
package io.tnet.service.inference;
