/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tnet_driver.h - host driver for the Threshold-Net accelerator.
 *
 * Stable ABI: one opaque handle, fixed-width integers and pointers only, every function returns an
 * int status (TN_OK = 0, negative = error; tn_strerror names it). The library is model-agnostic: the
 * caller (the Java FpgaDevice, through JNA) packs a model into region images and writes them at card
 * addresses taken from the generator's manifest.json; the driver moves bytes, starts runs and waits.
 *
 * Transports (selected by the URI given to tn_open):
 *   xdma:<prefix>     real card through the Xilinx XDMA driver: <prefix>_user (AXI4-Lite, mmap),
 *                     <prefix>_h2c_0 / <prefix>_c2h_0 (DMA at card addresses), <prefix>_events_<n>
 *                     (user interrupt). Options after '?': events=<n>, bar_size=<bytes>, poll=1.
 *   sim:<library.so>  the generated RTL compiled by Verilator into a shared library, clocked cycle by
 *                     cycle through its AXI ports. Options: max_cycles=<n> (per wait, default 2^32).
 *   mock:             pure C model of the accelerator (no hardware, bit-exact with the int8 reference).
 *                     Options: see docs/hardware.md ("Transports").
 *
 * Thread safety: every function may be called from any thread. Each handle carries one mutex that
 * serializes all operations on it; tn_infer holds it for the whole write-run-read sequence, so
 * concurrent inferences on one handle never interleave. Different handles are independent.
 * tn_close must not race with other calls on the same handle (the owner closes it exactly once).
 */
#ifndef TNET_DRIVER_H
#define TNET_DRIVER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bumped on any incompatible change of this header. */
#define TN_ABI_VERSION 1

/* Status codes. */
#define TN_OK            0
#define TN_EINVAL       -1  /* bad argument (null pointer, zero length, bad offset alignment) */
#define TN_ENOMEM       -2  /* out of memory */
#define TN_EIO          -3  /* I/O error talking to the device (short read/write, errno set) */
#define TN_ETIMEDOUT    -4  /* the accelerator did not signal completion within the timeout */
#define TN_ENODEV       -5  /* device files / simulation library cannot be opened */
#define TN_EURI         -6  /* malformed device URI or unknown transport */
#define TN_EMISMATCH    -7  /* ID or manifest hash register does not match what the caller expects */
#define TN_EDEVICE      -8  /* the accelerator's ERROR register is non-zero after a run */
#define TN_ERANGE       -9  /* card address range outside the device's memory map */
#define TN_EBUSY       -10  /* the accelerator is not idle (a previous run never finished) */
#define TN_ESTATE      -11  /* operation not valid in this state (e.g. completion never confirmed) */
#define TN_EUNSUPPORTED -12 /* transport built without support (e.g. no dlopen) */

/** Indices into the stats array filled by tn_run / tn_infer. */
#define TN_STAT_CYCLES     0  /* accelerator clock cycles of the run (CYCLES register) */
#define TN_STAT_OPS        1  /* synapse operations of the run (OPS register) */
#define TN_STAT_ERROR      2  /* value of the ERROR register after the run (0 = none) */
#define TN_STAT_WALL_NS    3  /* host wall-clock nanoseconds from start to confirmed completion */
#define TN_STAT_COUNT      4

typedef struct tn_device tn_device;

/* Exported symbols; everything else in the library is hidden. */
#define TN_API __attribute__((visibility("default")))

/** Returns TN_ABI_VERSION of the loaded library (callers refuse a mismatch). */
TN_API int tn_abi_version(void);

/** Static text for a status code (never NULL; unknown codes give "unknown status"). */
TN_API const char *tn_strerror(int status);

/**
 * Opens a device. On success *out holds a handle the caller must pass to tn_close exactly once.
 * Opening checks the ID register; it does not check the manifest hash (see tn_check_identity).
 */
TN_API int tn_open(const char *uri, tn_device **out);

/** Why the last failed tn_open on the calling thread failed (detail message), copied into buf. */
TN_API int tn_open_error(char *buf, uint32_t len);

/** Closes the handle and releases every resource; NULL is accepted (no-op). */
TN_API int tn_close(tn_device *dev);

/** Name of the transport ("xdma", "sim", "mock") copied into buf (NUL-terminated, truncated). */
TN_API int tn_transport_name(tn_device *dev, char *buf, uint32_t len);

/**
 * Detail message of the last failure on this handle (e.g. which file could not be opened and
 * errno's text), copied into buf; empty if none.
 */
TN_API int tn_last_error(tn_device *dev, char *buf, uint32_t len);

/** 32-bit AXI4-Lite register access at a byte offset (multiple of 4). */
TN_API int tn_reg_read(tn_device *dev, uint32_t offset, uint32_t *value);
TN_API int tn_reg_write(tn_device *dev, uint32_t offset, uint32_t value);

/** Bulk transfer between host memory and on-card memory at a card byte address. */
TN_API int tn_mem_write(tn_device *dev, uint64_t card_addr, const void *src, uint64_t len);
TN_API int tn_mem_read(tn_device *dev, uint64_t card_addr, void *dst, uint64_t len);

/**
 * Checks the identification registers: ID must be the accelerator's magic and, when expected_hash
 * is not 0, MANIFEST_HASH must equal it. Returns TN_EMISMATCH (with a detail message) otherwise.
 */
TN_API int tn_check_identity(tn_device *dev, uint32_t expected_hash);

/**
 * Waits for the accelerator's interrupt (or, for transports without one, for ap_done) at most
 * timeout_ms milliseconds. Low level: tn_run uses it and then confirms completion from ISR.
 */
TN_API int tn_wait_irq(tn_device *dev, int32_t timeout_ms);

/**
 * One run: clears ERROR, sets NUM_LAYERS and BATCH, enables the done interrupt, starts, waits at
 * most timeout_ms, confirms completion from the status registers and reads the counters. stats
 * (TN_STAT_COUNT entries, may be NULL) receives cycles, ops, error register and wall nanoseconds.
 * Returns TN_EDEVICE if the ERROR register is set, TN_ETIMEDOUT if no completion came.
 */
TN_API int tn_run(tn_device *dev, uint32_t num_layers, uint32_t batch, int32_t timeout_ms, uint64_t *stats);

/**
 * Atomic inference: writes in_len bytes at in_addr, tn_run, reads out_len bytes from out_addr,
 * all under the handle's lock. Outputs are read only when the run succeeded.
 */
TN_API int tn_infer(tn_device *dev, uint64_t in_addr, const void *in, uint64_t in_len,
             uint64_t out_addr, void *out, uint64_t out_len,
             uint32_t num_layers, uint32_t batch, int32_t timeout_ms, uint64_t *stats);

#ifdef __cplusplus
}
#endif

#endif /* TNET_DRIVER_H */
