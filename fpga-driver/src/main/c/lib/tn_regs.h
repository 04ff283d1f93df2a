/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tn_regs.h - the driver's view of the accelerator register map. The generator
 * (io.tnet.fpga.gen.RegisterMap) owns the map and emits tnet_accel_regs.h; names here follow it.
 */
#ifndef TN_REGS_H
#define TN_REGS_H

#define TN_ACCEL_ID              0x544E4E31u /* "TNN1" */
#define TN_ACCEL_VERSION_MAJOR   1u

#define TN_REG_CTRL          0x00u
#define TN_REG_GIE           0x04u
#define TN_REG_IER           0x08u
#define TN_REG_ISR           0x0Cu
#define TN_REG_ID            0x10u
#define TN_REG_VERSION       0x14u
#define TN_REG_CAPS          0x18u
#define TN_REG_MANIFEST_HASH 0x1Cu
#define TN_REG_ERROR         0x20u
#define TN_REG_NUM_LAYERS    0x24u
#define TN_REG_BATCH         0x28u
#define TN_REG_ERROR_INFO    0x2Cu
#define TN_REG_CYCLES_LO     0x30u
#define TN_REG_CYCLES_HI     0x34u
#define TN_REG_OPS_LO        0x38u
#define TN_REG_OPS_HI        0x3Cu
#define TN_REG_MAX_INPUTS    0x40u
#define TN_REG_MAX_OUTPUTS   0x44u
#define TN_REG_MAX_LAYERS    0x48u
#define TN_REG_CLOCK_MHZ     0x4Cu
#define TN_REG_DESC_BASE     0x50u /* then SIZE, and THR, SGN, BIAS, IN, OUT base/size pairs */
#define TN_REG_SPACE         0x100u

#define TN_CTRL_START        0x00000001u
#define TN_CTRL_DONE         0x00000002u
#define TN_CTRL_IDLE         0x00000004u
#define TN_CTRL_READY        0x00000008u
#define TN_CTRL_AUTO_RESTART 0x00000080u
#define TN_IRQ_DONE          0x00000001u
#define TN_IRQ_READY         0x00000002u

#define TN_CAPS_THRESHOLD_DENSE 0x00010000u
#define TN_CAPS_DENSE_MI        0x00020000u
#define TN_CAPS_PE(c)        ((c) & 0xFFu)
#define TN_CAPS_SIMD(c)      (((c) >> 8) & 0xFFu)
#define TN_CAPS_ACC_WIDTH(c) ((((c) >> 20) & 0xFu) + 16u)
#define TN_CAPS_ACT_WIDTH(c) (((c) >> 24) & 0xFFu)

#define TN_ERR_NONE            0u
#define TN_ERR_BAD_DESCRIPTOR  1u
#define TN_ERR_LAYER_TOO_LARGE 2u
#define TN_ERR_OUT_OF_RANGE    3u
#define TN_ERR_ACC_OVERFLOW    4u
#define TN_ERR_BAD_CHAIN       5u
#define TN_ERR_BAD_BATCH       6u

#define TN_DESC_BYTES                32u
#define TN_DESC_KIND_THRESHOLD_DENSE 1u
#define TN_DESC_KIND_DENSE           2u

#endif /* TN_REGS_H */
