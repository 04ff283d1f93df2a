/**
 * Float-to-int8 conversion of trained models. {@link io.tnet.model.quant.Quantizer} picks every power-of-two
 * format from calibration data (input and output fraction bits, per-layer activation formats, MI weight
 * formats) and folds them into the integer requantization shifts, so the integer path needs no multiplier.
 */
package io.tnet.model.quant;
