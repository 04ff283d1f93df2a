/* SPDX-License-Identifier: Apache-2.0 */
/* tn_internal.h - the transport ops table and the device handle behind the opaque tn_device. */
#ifndef TN_INTERNAL_H
#define TN_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "tnet_driver.h"

/*
 * What a transport provides. Every function returns a TN_ status; ctx is the transport's private
 * state. The library serializes calls per handle, so transports need no locking of their own.
 */
typedef struct tn_ops {
    const char *name;
    int (*reg_read)(void *ctx, uint32_t offset, uint32_t *value);
    int (*reg_write)(void *ctx, uint32_t offset, uint32_t value);
    int (*mem_write)(void *ctx, uint64_t card_addr, const void *src, uint64_t len);
    int (*mem_read)(void *ctx, uint64_t card_addr, void *dst, uint64_t len);
    /* Blocks until the interrupt line (or done) is signalled or timeout_ms passes (TN_ETIMEDOUT). */
    int (*wait_irq)(void *ctx, int32_t timeout_ms);
    void (*close)(void *ctx);
} tn_ops;

#define TN_ERRMSG_LEN 512

struct tn_device {
    const tn_ops *ops;
    void *ctx;
    pthread_mutex_t lock;
    char err[TN_ERRMSG_LEN];
};

/* Records a detail message on the handle (printf-style) and returns status, for `return tn_fail(...)`. */
int tn_fail(tn_device *dev, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Transport constructors: parse the part of the URI after "<name>:" and fill dev->ops / dev->ctx.
 * On failure they leave a message in dev->err and return a status.
 */
int tn_mock_open(tn_device *dev, const char *spec);
int tn_xdma_open(tn_device *dev, const char *spec);
int tn_sim_open(tn_device *dev, const char *spec);

/*
 * URI option helper: finds key in a "k=v&k=v" (or ',' separated) option string and parses its
 * value as an unsigned integer (decimal or 0x hex). Returns 1 if found and valid, 0 if absent,
 * -1 if present but malformed.
 */
int tn_opt_u64(const char *opts, const char *key, uint64_t *value);

/* Monotonic clock in nanoseconds. */
uint64_t tn_now_ns(void);

#endif /* TN_INTERNAL_H */
