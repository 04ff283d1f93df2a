/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tn_regs.h - the register map as the driver uses it: the generator's header (defined once in
 * io.tnet.fpga.gen.RegisterMap, checked in as include/tnet_accel_regs.h) plus driver-side limits.
 */
#ifndef TN_REGS_H
#define TN_REGS_H

#include "tnet_accel_regs.h"

/* Bytes of AXI4-Lite register space the driver lets callers address (RegisterMap.ADDR_BITS = 8). */
#define TN_REG_SPACE 0x100u

#endif /* TN_REGS_H */
