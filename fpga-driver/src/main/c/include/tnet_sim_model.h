/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tnet_sim_model.h - C ABI of a simulation library: the generated RTL compiled by Verilator
 * together with the harness (src/main/c/sim/harness.cpp) into one shared object. The "sim:"
 * transport dlopen()s it. Every call advances simulated time only as far as the AXI handshakes
 * need; tnsim_run_until_irq clocks the model until the interrupt output is high.
 */
#ifndef TNET_SIM_MODEL_H
#define TNET_SIM_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TNSIM_ABI_VERSION 1

int tnsim_abi_version(void);
/* A fresh model after reset; NULL on failure. */
void *tnsim_create(void);
void tnsim_destroy(void *model);
/* AXI4-Lite single beats. 0 = OKAY, -1 = no handshake within the harness's cycle limit, -2 = SLVERR/DECERR. */
int tnsim_axil_write(void *model, uint32_t addr, uint32_t data);
int tnsim_axil_read(void *model, uint32_t addr, uint32_t *data);
/* AXI4 INCR bursts over [addr, addr + len); the harness splits and masks unaligned edges. */
int tnsim_axi_write(void *model, uint64_t addr, const uint8_t *src, uint64_t len);
int tnsim_axi_read(void *model, uint64_t addr, uint8_t *dst, uint64_t len);
/* Clocks at most max_cycles; returns 1 as soon as the interrupt output is high, 0 otherwise. */
int tnsim_run_until_irq(void *model, uint64_t max_cycles);
/* Clock cycles simulated since tnsim_create. */
uint64_t tnsim_cycles(void *model);

#ifdef __cplusplus
}
#endif

#endif /* TNET_SIM_MODEL_H */
