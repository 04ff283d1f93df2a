/**
 * JMH benchmarks of the CPU kernel: the int8 threshold dense layer against an FP32 FMA dense layer of
 * the same shape, the scalar reference, and an MNIST-sized model end to end. Run with {@code bin/bench};
 * results and method in {@code docs/benchmarks.md}.
 */
package io.tnet.bench;
