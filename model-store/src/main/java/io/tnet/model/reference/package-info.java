/**
 * The reference evaluator: the executable specification of the neuron's float and int8 semantics.
 * Plain loops, no tricks; optimized kernels and the FPGA accelerator are tested against it.
 */
package io.tnet.model.reference;
