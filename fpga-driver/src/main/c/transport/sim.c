/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sim.c - the "sim:<library.so>" transport: a Verilator build of the generated RTL (with the
 * harness exporting tnet_sim_model.h), loaded with dlopen. Each handle owns one model instance,
 * so two handles on the same library are two independent accelerators. Waits clock the model in
 * slices of 4096 cycles until the interrupt output rises or the wall-clock timeout passes.
 *
 * Option max_cycles=N is a watchdog in simulated time: a run that has not raised its interrupt N
 * cycles after its start (counting every cycle, bus accesses included) is treated as hung, and from
 * then on every call on the handle fails with TN_ETIMEDOUT, like a wedged card, until it is closed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "../include/tnet_sim_model.h"
#include "../lib/tn_internal.h"
#include "../lib/tn_regs.h"

typedef struct sim {
    tn_device *dev;
    void *lib;
    void *model;
    uint64_t max_cycles;
    uint64_t run_start; /* cycle count at the last ap_start */
    int hung;
    int (*abi)(void);
    void *(*create)(void);
    void (*destroy)(void *);
    int (*axil_write)(void *, uint32_t, uint32_t);
    int (*axil_read)(void *, uint32_t, uint32_t *);
    int (*axi_write)(void *, uint64_t, const uint8_t *, uint64_t);
    int (*axi_read)(void *, uint64_t, uint8_t *, uint64_t);
    int (*run_until_irq)(void *, uint64_t);
    uint64_t (*cycles)(void *);
} sim;

static int bus_status(sim *s, int r, const char *what, uint64_t addr)
{
    if (r == 0) return TN_OK;
    if (r == -2) {
        return tn_fail(s->dev, TN_ERANGE, "sim: %s at 0x%llx answered with an AXI error response", what,
                       (unsigned long long)addr);
    }
    return tn_fail(s->dev, TN_EIO, "sim: %s at 0x%llx: no AXI handshake", what, (unsigned long long)addr);
}

/* The watchdog: TN_ETIMEDOUT once the current run has used up max_cycles. */
static int watchdog(sim *s)
{
    if (!s->hung && s->run_start != UINT64_MAX && s->cycles(s->model) - s->run_start >= s->max_cycles) {
        s->hung = 1;
    }
    if (s->hung) {
        return tn_fail(s->dev, TN_ETIMEDOUT, "sim: the run did not finish within max_cycles=%llu simulated cycles; "
                       "the device is treated as hung", (unsigned long long)s->max_cycles);
    }
    return TN_OK;
}

static int sim_reg_read(void *ctx, uint32_t offset, uint32_t *value)
{
    sim *s = ctx;
    int w = watchdog(s);
    if (w != TN_OK) return w;
    return bus_status(s, s->axil_read(s->model, offset, value), "register read", offset);
}

static int sim_reg_write(void *ctx, uint32_t offset, uint32_t value)
{
    sim *s = ctx;
    int w = watchdog(s);
    if (w != TN_OK) return w;
    if (offset == TN_REG_CTRL && (value & TN_CTRL_START)) {
        s->run_start = s->cycles(s->model);
    }
    return bus_status(s, s->axil_write(s->model, offset, value), "register write", offset);
}

static int sim_mem_write(void *ctx, uint64_t addr, const void *src, uint64_t len)
{
    sim *s = ctx;
    int w = watchdog(s);
    if (w != TN_OK) return w;
    return bus_status(s, s->axi_write(s->model, addr, src, len), "memory write", addr);
}

static int sim_mem_read(void *ctx, uint64_t addr, void *dst, uint64_t len)
{
    sim *s = ctx;
    int w = watchdog(s);
    if (w != TN_OK) return w;
    return bus_status(s, s->axi_read(s->model, addr, dst, len), "memory read", addr);
}

static int sim_wait_irq(void *ctx, int32_t timeout_ms)
{
    sim *s = ctx;
    uint64_t deadline = tn_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    for (;;) {
        int w = watchdog(s);
        if (w != TN_OK) return w;
        uint64_t slice = 4096;
        if (s->run_start != UINT64_MAX) {
            uint64_t left = s->max_cycles - (s->cycles(s->model) - s->run_start);
            slice = left < slice ? left : slice;
        }
        if (s->run_until_irq(s->model, slice)) {
            s->run_start = UINT64_MAX; /* finished: later accesses do not count against the watchdog */
            return TN_OK;
        }
        if (tn_now_ns() >= deadline) return TN_ETIMEDOUT;
    }
}

static void sim_close(void *ctx)
{
    sim *s = ctx;
    if (s->model != NULL) s->destroy(s->model);
    /* The library stays mapped: Verilator models keep static state that does not survive dlclose
       cleanly, and reopening the same path returns the same mapping anyway. */
    free(s);
}

static const tn_ops SIM_OPS = {
    "sim", sim_reg_read, sim_reg_write, sim_mem_write, sim_mem_read, sim_wait_irq, sim_close,
};

int tn_sim_open(tn_device *dev, const char *spec)
{
    char path[4096];
    const char *q = strchr(spec, '?');
    size_t plen = q != NULL ? (size_t)(q - spec) : strlen(spec);
    if (plen == 0 || plen >= sizeof path) {
        return tn_fail(dev, TN_EURI, "sim: expected sim:<path to the simulation library .so>");
    }
    memcpy(path, spec, plen);
    path[plen] = '\0';
    sim *s = calloc(1, sizeof *s);
    if (s == NULL) return TN_ENOMEM;
    s->dev = dev;
    s->max_cycles = UINT64_MAX;
    s->run_start = UINT64_MAX;
    if (q != NULL && tn_opt_u64(q + 1, "max_cycles", &s->max_cycles) < 0) {
        free(s);
        return tn_fail(dev, TN_EURI, "sim: bad max_cycles option");
    }
    s->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (s->lib == NULL) {
        const char *e = dlerror();
        free(s);
        return tn_fail(dev, TN_ENODEV, "sim: cannot load %s: %s", path, e != NULL ? e : "dlopen failed");
    }
#define SYM(field, name)                                                         \
    do {                                                                         \
        *(void **)(&s->field) = dlsym(s->lib, name);                             \
        if (s->field == NULL) {                                                  \
            free(s);                                                             \
            return tn_fail(dev, TN_ENODEV, "sim: %s does not export %s", path, name); \
        }                                                                        \
    } while (0)
    SYM(abi, "tnsim_abi_version");
    SYM(create, "tnsim_create");
    SYM(destroy, "tnsim_destroy");
    SYM(axil_write, "tnsim_axil_write");
    SYM(axil_read, "tnsim_axil_read");
    SYM(axi_write, "tnsim_axi_write");
    SYM(axi_read, "tnsim_axi_read");
    SYM(run_until_irq, "tnsim_run_until_irq");
    SYM(cycles, "tnsim_cycles");
#undef SYM
    if (s->abi() != TNSIM_ABI_VERSION) {
        int v = s->abi();
        free(s);
        return tn_fail(dev, TN_EMISMATCH, "sim: %s has simulation ABI %d, this driver needs %d", path, v,
                       TNSIM_ABI_VERSION);
    }
    s->model = s->create();
    if (s->model == NULL) {
        free(s);
        return tn_fail(dev, TN_ENOMEM, "sim: model creation failed");
    }
    dev->ops = &SIM_OPS;
    dev->ctx = s;
    return TN_OK;
}
