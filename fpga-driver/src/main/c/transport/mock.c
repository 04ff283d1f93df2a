/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mock.c - the "mock:" transport: the behavioural accelerator model (accel.c) over heap memory.
 * Runs complete synchronously at the start write. Fault injection for tests of the callers:
 * hang_after=<n> makes every run after the first n never complete (waits time out), error_after=<n>
 * makes them end with ERROR = error_code (default 3, address out of range).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/tn_accel.h"
#include "../lib/tn_internal.h"
#include "../lib/tn_regs.h"

typedef struct mock {
    tn_device *dev;
    tn_accel_config cfg;
    tn_accel_state st;
    uint8_t *mem[TN_RGN_COUNT];
    uint64_t runs, hang_after, error_after, error_code;
    int hanging;
} mock;

static uint8_t *mock_mem(void *user, uint64_t addr, uint64_t len)
{
    mock *m = user;
    for (int r = 0; r < TN_RGN_COUNT; r++) {
        uint64_t base = m->cfg.base[r], size = m->cfg.size[r];
        if (addr >= base && addr - base < size && len <= size - (addr - base)) {
            return m->mem[r] + (addr - base);
        }
    }
    return NULL;
}

static int mock_reg_read(void *ctx, uint32_t offset, uint32_t *value)
{
    mock *m = ctx;
    *value = tn_accel_reg_read(&m->cfg, &m->st, offset);
    return TN_OK;
}

static int mock_reg_write(void *ctx, uint32_t offset, uint32_t value)
{
    mock *m = ctx;
    int start = 0;
    tn_accel_reg_write(&m->cfg, &m->st, offset, value, &start);
    if (start) {
        m->runs++;
        if (m->hang_after != UINT64_MAX && m->runs > m->hang_after) {
            m->hanging = 1; /* stays busy forever, like a wedged sequencer */
            return TN_OK;
        }
        tn_accel_execute(&m->cfg, &m->st, mock_mem, m);
        if (m->error_after != UINT64_MAX && m->runs > m->error_after) {
            m->st.error |= (uint32_t)m->error_code;
        }
    }
    return TN_OK;
}

static int mock_mem_write(void *ctx, uint64_t addr, const void *src, uint64_t len)
{
    mock *m = ctx;
    uint8_t *p = mock_mem(m, addr, len);
    /* Like the RTL, OUT is written by the accelerator only: a host write answers SLVERR. */
    int to_out = addr < m->cfg.base[TN_RGN_OUT] + m->cfg.size[TN_RGN_OUT] && addr + len > m->cfg.base[TN_RGN_OUT];
    if (p == NULL || to_out) {
        return tn_fail(m->dev, TN_ERANGE, "mock: write of %llu bytes at 0x%llx is outside every region",
                       (unsigned long long)len, (unsigned long long)addr);
    }
    memcpy(p, src, len);
    return TN_OK;
}

static int mock_mem_read(void *ctx, uint64_t addr, void *dst, uint64_t len)
{
    mock *m = ctx;
    const uint8_t *p = mock_mem(m, addr, len);
    if (p == NULL) {
        return tn_fail(m->dev, TN_ERANGE, "mock: read of %llu bytes at 0x%llx is outside every region",
                       (unsigned long long)len, (unsigned long long)addr);
    }
    memcpy(dst, p, len);
    return TN_OK;
}

static int mock_wait_irq(void *ctx, int32_t timeout_ms)
{
    mock *m = ctx;
    if (m->st.gie && (m->st.isr & m->st.ier)) {
        return TN_OK;
    }
    /* Nothing will ever change without a register write: sleep the timeout away (no spinning). */
    struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
    return TN_ETIMEDOUT;
}

static void mock_close(void *ctx)
{
    mock *m = ctx;
    for (int r = 0; r < TN_RGN_COUNT; r++) {
        free(m->mem[r]);
    }
    free(m);
}

static const tn_ops MOCK_OPS = {
    "mock", mock_reg_read, mock_reg_write, mock_mem_write, mock_mem_read, mock_wait_irq, mock_close,
};

int tn_mock_open(tn_device *dev, const char *spec)
{
    mock *m = calloc(1, sizeof *m);
    if (m == NULL) {
        return TN_ENOMEM;
    }
    m->dev = dev;
    const char *opts = spec[0] == '?' ? spec + 1 : spec;
    int rc = tn_accel_config_parse(&m->cfg, opts, dev->err, sizeof dev->err);
    m->hang_after = m->error_after = UINT64_MAX;
    m->error_code = TN_ERR_OUT_OF_RANGE;
    if (rc == TN_OK && (tn_opt_u64(opts, "hang_after", &m->hang_after) < 0
                        || tn_opt_u64(opts, "error_after", &m->error_after) < 0
                        || tn_opt_u64(opts, "error_code", &m->error_code) < 0)) {
        rc = tn_fail(dev, TN_EURI, "mock: bad fault-injection option");
    }
    for (int r = 0; rc == TN_OK && r < TN_RGN_COUNT; r++) {
        m->mem[r] = calloc(1, m->cfg.size[r]);
        if (m->mem[r] == NULL) {
            rc = TN_ENOMEM;
        }
    }
    if (rc != TN_OK) {
        mock_close(m);
        return rc;
    }
    m->st.ctrl_idle = 1;
    dev->ops = &MOCK_OPS;
    dev->ctx = m;
    return TN_OK;
}
