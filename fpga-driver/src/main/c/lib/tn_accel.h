/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tn_accel.h - behavioural model of the generated accelerator: registers, on-card memories and the
 * layer sequencer, bit-exact with the int8 reference evaluator and with the RTL's memory layout
 * (io.tnet.fpga.gen.ModelPacker). The mock transport is this model over heap memory; the fake XDMA
 * card used in tests runs it over files.
 */
#ifndef TN_ACCEL_H
#define TN_ACCEL_H

#include <stdint.h>

/* Region indices, in the order of the base/size register pairs from TN_REG_DESC_BASE. */
enum { TN_RGN_DESC, TN_RGN_THR, TN_RGN_SGN, TN_RGN_BIAS, TN_RGN_IN, TN_RGN_OUT, TN_RGN_COUNT };

typedef struct tn_accel_config {
    uint32_t pe, simd, acc_width, act_width;
    uint32_t max_inputs, max_outputs, max_layers;
    uint32_t param_words, bias_words, in_words, out_words;
    uint32_t clock_mhz;
    uint32_t manifest_hash;
    uint64_t base[TN_RGN_COUNT];
    uint64_t size[TN_RGN_COUNT];
} tn_accel_config;

/*
 * Fills cfg from URI options (defaults = AcceleratorConfig.DEFAULT: pe=16 simd=32 acc=24
 * max_inputs=1024 max_outputs=1024 max_layers=16 param_words=1024 bias_words=256 in_words=1024
 * out_words=256 clock_mhz=200) and lays out the memory map like io.tnet.fpga.gen.MemoryMap.
 */
int tn_accel_config_parse(tn_accel_config *cfg, const char *opts, char *err, unsigned errlen);

/* Card memory accessor: a pointer to len bytes at card address addr, or NULL if out of range. */
typedef uint8_t *(*tn_accel_mem_fn)(void *user, uint64_t addr, uint64_t len);

typedef struct tn_accel_state {
    uint32_t ctrl_done, ctrl_idle, gie, ier, isr, error, error_info, num_layers, batch;
    uint64_t cycles, ops;
} tn_accel_state;

/* Register read/write of the model. *start is set to 1 when a write started a run. */
uint32_t tn_accel_reg_read(const tn_accel_config *cfg, tn_accel_state *st, uint32_t offset);
void tn_accel_reg_write(const tn_accel_config *cfg, tn_accel_state *st, uint32_t offset, uint32_t value, int *start);

/* Runs NUM_LAYERS descriptors on BATCH samples; sets ERROR, ERROR_INFO, CYCLES, OPS, done/ISR. */
void tn_accel_execute(const tn_accel_config *cfg, tn_accel_state *st, tn_accel_mem_fn mem, void *user);

#endif /* TN_ACCEL_H */
