#!/usr/bin/env bash
# Regenerates Simd256.java and Simd128.java from Simd512.java (the Vector API needs the species to be a
# JIT constant, so each width is its own class with the same code). SimdVariantsTest checks they match.
set -euo pipefail
cd "$(dirname "$0")/src/main/java/io/tnet/kernel"
for bits in 256 128; do
  sed -e "s/Simd512/Simd${bits}/g" -e "s/static final int BITS = 512;/static final int BITS = ${bits};/" \
      -e "s/^ \* {@link Lanes} on 512-bit vectors\. This file is the template.*/ * {@link Lanes} on ${bits}-bit vectors. GENERATED from {@code Simd512} by {@code cpu-kernel\/gen-simd-variants.sh}:/" \
      Simd512.java > "Simd${bits}.java"
done
