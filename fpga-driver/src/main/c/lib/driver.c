/* SPDX-License-Identifier: Apache-2.0 */
/* driver.c - URI dispatch, per-handle locking and the run protocol shared by all transports. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tn_internal.h"
#include "tn_regs.h"

int tn_abi_version(void) { return TN_ABI_VERSION; }

const char *tn_strerror(int status)
{
    switch (status) {
    case TN_OK: return "ok";
    case TN_EINVAL: return "invalid argument";
    case TN_ENOMEM: return "out of memory";
    case TN_EIO: return "device I/O error";
    case TN_ETIMEDOUT: return "timed out waiting for the accelerator";
    case TN_ENODEV: return "device not available";
    case TN_EURI: return "malformed device URI or unknown transport";
    case TN_EMISMATCH: return "device identity does not match";
    case TN_EDEVICE: return "accelerator reported an error";
    case TN_ERANGE: return "card address out of range";
    case TN_EBUSY: return "accelerator busy";
    case TN_ESTATE: return "completion not confirmed by the status registers";
    case TN_EUNSUPPORTED: return "not supported by this build";
    default: return "unknown status";
    }
}

int tn_fail(tn_device *dev, int status, const char *fmt, ...)
{
    if (dev != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(dev->err, sizeof dev->err, fmt, ap);
        va_end(ap);
    }
    return status;
}

uint64_t tn_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int tn_opt_u64(const char *opts, const char *key, uint64_t *value)
{
    if (opts == NULL) {
        return 0;
    }
    size_t klen = strlen(key);
    const char *p = opts;
    while (*p != '\0') {
        const char *end = p + strcspn(p, "&,");
        if ((size_t)(end - p) > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            char buf[32];
            size_t vlen = (size_t)(end - p) - klen - 1;
            if (vlen == 0 || vlen >= sizeof buf) {
                return -1;
            }
            memcpy(buf, p + klen + 1, vlen);
            buf[vlen] = '\0';
            char *stop = NULL;
            errno = 0;
            unsigned long long v = strtoull(buf, &stop, 0);
            if (errno != 0 || stop == buf || *stop != '\0' || buf[0] == '-') {
                return -1;
            }
            *value = (uint64_t)v;
            return 1;
        }
        p = *end != '\0' ? end + 1 : end;
    }
    return 0;
}

static void copy_out(char *buf, uint32_t len, const char *s)
{
    if (len == 0) {
        return;
    }
    size_t n = strlen(s);
    if (n >= len) {
        n = len - 1;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
}

/* Why the last tn_open on this thread failed: the handle is gone by then, so the reason lives here. */
static _Thread_local char open_error[TN_ERRMSG_LEN];

int tn_open(const char *uri, tn_device **out)
{
    if (uri == NULL || out == NULL) {
        return TN_EINVAL;
    }
    *out = NULL;
    tn_device *dev = calloc(1, sizeof *dev);
    if (dev == NULL) {
        return TN_ENOMEM;
    }
    if (pthread_mutex_init(&dev->lock, NULL) != 0) {
        free(dev);
        return TN_ENOMEM;
    }
    int rc;
    if (strncmp(uri, "mock:", 5) == 0) {
        rc = tn_mock_open(dev, uri + 5);
    } else if (strncmp(uri, "xdma:", 5) == 0) {
        rc = tn_xdma_open(dev, uri + 5);
    } else if (strncmp(uri, "sim:", 4) == 0) {
        rc = tn_sim_open(dev, uri + 4);
    } else {
        rc = TN_EURI;
    }
    if (rc == TN_OK) {
        uint32_t id = 0;
        rc = dev->ops->reg_read(dev->ctx, TN_REG_ID, &id);
        if (rc == TN_OK && id != TN_ACCEL_ID) {
            rc = tn_fail(dev, TN_EMISMATCH, "%s: ID register is 0x%08" PRIx32 ", not the accelerator's 0x%08" PRIx32,
                         uri, id, TN_ACCEL_ID);
        }
        if (rc != TN_OK) {
            dev->ops->close(dev->ctx);
        }
    }
    if (rc != TN_OK) {
        if (dev->err[0] == '\0') {
            snprintf(dev->err, sizeof dev->err, "%s: %s", uri, tn_strerror(rc));
        }
        memcpy(open_error, dev->err, sizeof open_error);
        pthread_mutex_destroy(&dev->lock);
        free(dev);
        return rc;
    }
    open_error[0] = '\0';
    *out = dev;
    return TN_OK;
}

int tn_open_error(char *buf, uint32_t len)
{
    if (buf == NULL) {
        return TN_EINVAL;
    }
    copy_out(buf, len, open_error);
    return TN_OK;
}

int tn_close(tn_device *dev)
{
    if (dev == NULL) {
        return TN_OK;
    }
    dev->ops->close(dev->ctx);
    pthread_mutex_destroy(&dev->lock);
    free(dev);
    return TN_OK;
}

int tn_transport_name(tn_device *dev, char *buf, uint32_t len)
{
    if (dev == NULL || buf == NULL) {
        return TN_EINVAL;
    }
    copy_out(buf, len, dev->ops->name);
    return TN_OK;
}

int tn_last_error(tn_device *dev, char *buf, uint32_t len)
{
    if (dev == NULL || buf == NULL) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    copy_out(buf, len, dev->err);
    pthread_mutex_unlock(&dev->lock);
    return TN_OK;
}

int tn_reg_read(tn_device *dev, uint32_t offset, uint32_t *value)
{
    if (dev == NULL || value == NULL || (offset & 3u) != 0 || offset >= TN_REG_SPACE) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->reg_read(dev->ctx, offset, value);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_reg_write(tn_device *dev, uint32_t offset, uint32_t value)
{
    if (dev == NULL || (offset & 3u) != 0 || offset >= TN_REG_SPACE) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->reg_write(dev->ctx, offset, value);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_mem_write(tn_device *dev, uint64_t card_addr, const void *src, uint64_t len)
{
    if (dev == NULL || (src == NULL && len > 0)) {
        return TN_EINVAL;
    }
    if (len == 0) {
        return TN_OK;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->mem_write(dev->ctx, card_addr, src, len);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_mem_read(tn_device *dev, uint64_t card_addr, void *dst, uint64_t len)
{
    if (dev == NULL || (dst == NULL && len > 0)) {
        return TN_EINVAL;
    }
    if (len == 0) {
        return TN_OK;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->mem_read(dev->ctx, card_addr, dst, len);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_check_identity(tn_device *dev, uint32_t expected_hash)
{
    if (dev == NULL) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    uint32_t id = 0, hash = 0;
    int rc = dev->ops->reg_read(dev->ctx, TN_REG_ID, &id);
    if (rc == TN_OK) {
        rc = dev->ops->reg_read(dev->ctx, TN_REG_MANIFEST_HASH, &hash);
    }
    if (rc == TN_OK && id != TN_ACCEL_ID) {
        rc = tn_fail(dev, TN_EMISMATCH, "ID register is 0x%08" PRIx32 ", expected 0x%08" PRIx32, id, TN_ACCEL_ID);
    } else if (rc == TN_OK && expected_hash != 0 && hash != expected_hash) {
        rc = tn_fail(dev, TN_EMISMATCH, "MANIFEST_HASH register is 0x%08" PRIx32 " but the manifest says 0x%08" PRIx32
                     " (bitstream and manifest differ)", hash, expected_hash);
    }
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_wait_irq(tn_device *dev, int32_t timeout_ms)
{
    if (dev == NULL || timeout_ms < 0) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->wait_irq(dev->ctx, timeout_ms);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

static int read64(tn_device *dev, uint32_t lo_off, uint64_t *v)
{
    uint32_t lo = 0, hi = 0, hi2 = 0;
    int rc = dev->ops->reg_read(dev->ctx, lo_off + 4, &hi);
    if (rc == TN_OK) rc = dev->ops->reg_read(dev->ctx, lo_off, &lo);
    if (rc == TN_OK) rc = dev->ops->reg_read(dev->ctx, lo_off + 4, &hi2);
    if (rc == TN_OK && hi2 != hi) {
        rc = dev->ops->reg_read(dev->ctx, lo_off, &lo);
    }
    *v = ((uint64_t)hi2 << 32) | lo;
    return rc;
}

/* The run protocol; the caller holds dev->lock. */
static int run_locked(tn_device *dev, uint32_t num_layers, uint32_t batch, int32_t timeout_ms, uint64_t *stats)
{
    const tn_ops *o = dev->ops;
    void *c = dev->ctx;
    uint32_t ctrl = 0, isr = 0, err = 0;
    int rc;
    if (stats != NULL) {
        memset(stats, 0, TN_STAT_COUNT * sizeof *stats);
    }
    if ((rc = o->reg_read(c, TN_REG_CTRL, &ctrl)) != TN_OK) return rc;
    if ((ctrl & TN_CTRL_IDLE) == 0) {
        return tn_fail(dev, TN_EBUSY, "accelerator not idle (CTRL=0x%08" PRIx32 "); a previous run did not finish", ctrl);
    }
    /* Stale status from an earlier run must not confirm this one. */
    if ((rc = o->reg_read(c, TN_REG_ISR, &isr)) != TN_OK) return rc;
    if (isr != 0 && (rc = o->reg_write(c, TN_REG_ISR, isr)) != TN_OK) return rc;
    if ((rc = o->reg_read(c, TN_REG_ERROR, &err)) != TN_OK) return rc;
    if (err != 0 && (rc = o->reg_write(c, TN_REG_ERROR, err)) != TN_OK) return rc;
    if ((rc = o->reg_write(c, TN_REG_NUM_LAYERS, num_layers)) != TN_OK) return rc;
    if ((rc = o->reg_write(c, TN_REG_BATCH, batch)) != TN_OK) return rc;
    if ((rc = o->reg_write(c, TN_REG_IER, TN_IRQ_DONE)) != TN_OK) return rc;
    if ((rc = o->reg_write(c, TN_REG_GIE, 1u)) != TN_OK) return rc;
    uint64_t t0 = tn_now_ns();
    if ((rc = o->reg_write(c, TN_REG_CTRL, TN_CTRL_START)) != TN_OK) return rc;

    /* Interrupts can be spurious or shared; only the done bit in ISR confirms completion. */
    uint64_t deadline = t0 + (uint64_t)timeout_ms * 1000000ull;
    for (;;) {
        uint64_t now = tn_now_ns();
        int32_t left = now >= deadline ? 0 : (int32_t)((deadline - now + 999999ull) / 1000000ull);
        rc = o->wait_irq(c, left);
        if (rc != TN_OK && rc != TN_ETIMEDOUT) return rc;
        if ((rc = o->reg_read(c, TN_REG_ISR, &isr)) != TN_OK) return rc;
        if (isr & TN_IRQ_DONE) break;
        if (tn_now_ns() >= deadline) {
            o->reg_read(c, TN_REG_CTRL, &ctrl);
            return tn_fail(dev, TN_ETIMEDOUT, "no completion within %" PRId32 " ms (CTRL=0x%08" PRIx32 ", ISR=0x%08" PRIx32 ")",
                           timeout_ms, ctrl, isr);
        }
    }
    uint64_t t1 = tn_now_ns();
    if ((rc = o->reg_write(c, TN_REG_ISR, TN_IRQ_DONE)) != TN_OK) return rc;
    if ((rc = o->reg_read(c, TN_REG_CTRL, &ctrl)) != TN_OK) return rc; /* clears ap_done */
    uint64_t cycles = 0, ops = 0;
    if ((rc = read64(dev, TN_REG_CYCLES_LO, &cycles)) != TN_OK) return rc;
    if ((rc = read64(dev, TN_REG_OPS_LO, &ops)) != TN_OK) return rc;
    if ((rc = o->reg_read(c, TN_REG_ERROR, &err)) != TN_OK) return rc;
    if (stats != NULL) {
        stats[TN_STAT_CYCLES] = cycles;
        stats[TN_STAT_OPS] = ops;
        stats[TN_STAT_ERROR] = err;
        stats[TN_STAT_WALL_NS] = t1 - t0;
    }
    if (err != 0) {
        return tn_fail(dev, TN_EDEVICE, "ERROR register is %" PRIu32 " after the run", err);
    }
    return TN_OK;
}

int tn_run(tn_device *dev, uint32_t num_layers, uint32_t batch, int32_t timeout_ms, uint64_t *stats)
{
    if (dev == NULL || timeout_ms < 0 || num_layers == 0 || batch == 0) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = run_locked(dev, num_layers, batch, timeout_ms, stats);
    pthread_mutex_unlock(&dev->lock);
    return rc;
}

int tn_infer(tn_device *dev, uint64_t in_addr, const void *in, uint64_t in_len,
             uint64_t out_addr, void *out, uint64_t out_len,
             uint32_t num_layers, uint32_t batch, int32_t timeout_ms, uint64_t *stats)
{
    if (dev == NULL || in == NULL || out == NULL || in_len == 0 || out_len == 0 || timeout_ms < 0
        || num_layers == 0 || batch == 0) {
        return TN_EINVAL;
    }
    pthread_mutex_lock(&dev->lock);
    int rc = dev->ops->mem_write(dev->ctx, in_addr, in, in_len);
    if (rc == TN_OK) {
        rc = run_locked(dev, num_layers, batch, timeout_ms, stats);
    }
    if (rc == TN_OK) {
        rc = dev->ops->mem_read(dev->ctx, out_addr, out, out_len);
    }
    pthread_mutex_unlock(&dev->lock);
    return rc;
}
