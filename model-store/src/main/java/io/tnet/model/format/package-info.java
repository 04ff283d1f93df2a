/**
 * The model file format: a safetensors file whose metadata carries the network graph as JSON.
 * {@link io.tnet.model.format.ModelWriter} and {@link io.tnet.model.format.ModelReader} convert between
 * files and {@link io.tnet.model.Model}; {@code docs/model-format.md} is the normative description,
 * precise enough to write a model from Python with {@code safetensors} and {@code numpy}.
 */
package io.tnet.model.format;
