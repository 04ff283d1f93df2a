/* SPDX-License-Identifier: Apache-2.0 */
/*
 * xdma.c - the "xdma:<prefix>" transport for a real card behind the Xilinx XDMA driver.
 *
 *   <prefix>_user        AXI4-Lite through the user BAR: mmap'ed, 32-bit volatile accesses at
 *                        bar_offset + register offset.
 *   <prefix>_h2c_0       host-to-card DMA: pwrite(fd, buf, len, card_address).
 *   <prefix>_c2h_0       card-to-host DMA: pread(fd, buf, len, card_address).
 *   <prefix>_events_<n>  user interrupt n: becomes readable (4-byte event count) when the line fires;
 *                        waited for with poll() and a timeout. The run protocol in driver.c then
 *                        confirms completion from ISR, so a spurious event is harmless.
 * Options: events=<n> (default 0), bar_size=<bytes> (default 65536), bar_offset=<bytes> (default 0),
 * poll=1 (no interrupt: wait until CTRL.ap_start reads 0 and ISR.done is set, sleeping 50 us .. 1 ms
 * between reads; reading CTRL clears ap_done, which the run protocol does not rely on).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/tn_internal.h"
#include "../lib/tn_regs.h"

typedef struct xdma {
    tn_device *dev;
    int user_fd, h2c_fd, c2h_fd, events_fd;
    volatile uint32_t *regs;
    void *map;
    size_t map_len;
    int poll_mode;
} xdma;

static int xdma_reg_read(void *ctx, uint32_t offset, uint32_t *value)
{
    xdma *x = ctx;
    *value = x->regs[offset / 4];
    return TN_OK;
}

static int xdma_reg_write(void *ctx, uint32_t offset, uint32_t value)
{
    xdma *x = ctx;
    x->regs[offset / 4] = value;
    __sync_synchronize();
    return TN_OK;
}

static int xdma_mem_write(void *ctx, uint64_t addr, const void *src, uint64_t len)
{
    xdma *x = ctx;
    const uint8_t *p = src;
    while (len > 0) {
        ssize_t n = pwrite(x->h2c_fd, p, len, (off_t)addr);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            return tn_fail(x->dev, TN_EIO, "xdma: h2c write at 0x%llx failed: %s", (unsigned long long)addr,
                           n < 0 ? strerror(errno) : "short write");
        }
        p += n;
        addr += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return TN_OK;
}

static int xdma_mem_read(void *ctx, uint64_t addr, void *dst, uint64_t len)
{
    xdma *x = ctx;
    uint8_t *p = dst;
    while (len > 0) {
        ssize_t n = pread(x->c2h_fd, p, len, (off_t)addr);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            return tn_fail(x->dev, TN_EIO, "xdma: c2h read at 0x%llx failed: %s", (unsigned long long)addr,
                           n < 0 ? strerror(errno) : "end of card memory");
        }
        p += n;
        addr += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return TN_OK;
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000L, (us % 1000000L) * 1000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static int xdma_wait_irq(void *ctx, int32_t timeout_ms)
{
    xdma *x = ctx;
    uint64_t deadline = tn_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    if (x->poll_mode) {
        long back_off = 50;
        for (;;) {
            /* Done counts only once ap_start reads 0 again (the core accepted this run's start). */
            if ((x->regs[TN_REG_CTRL / 4] & TN_CTRL_START) == 0 && (x->regs[TN_REG_ISR / 4] & TN_IRQ_DONE)) {
                return TN_OK;
            }
            uint64_t now = tn_now_ns();
            if (now >= deadline) return TN_ETIMEDOUT;
            long left_us = (long)((deadline - now) / 1000u);
            sleep_us(back_off < left_us ? back_off : left_us);
            back_off = back_off < 1000 ? back_off * 2 : 1000;
        }
    }
    for (;;) {
        uint64_t now = tn_now_ns();
        int left = now >= deadline ? 0 : (int)((deadline - now + 999999ull) / 1000000ull);
        struct pollfd pfd = {x->events_fd, POLLIN, 0};
        int r = poll(&pfd, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return tn_fail(x->dev, TN_EIO, "xdma: poll on events failed: %s", strerror(errno));
        if (r == 0) return TN_ETIMEDOUT;
        if (pfd.revents & POLLIN) {
            uint32_t count = 0;
            ssize_t n = read(x->events_fd, &count, sizeof count);
            if (n == (ssize_t)sizeof count || (n < 0 && errno == EAGAIN)) {
                return TN_OK;
            }
            if (n < 0 && errno == EINTR) continue;
            return tn_fail(x->dev, TN_EIO, "xdma: events read failed: %s", n < 0 ? strerror(errno) : "short read");
        }
        return tn_fail(x->dev, TN_EIO, "xdma: events file hung up (revents 0x%x)", (unsigned)pfd.revents);
    }
}

static void xdma_close(void *ctx)
{
    xdma *x = ctx;
    if (x->map != NULL && x->map != MAP_FAILED) munmap(x->map, x->map_len);
    if (x->user_fd >= 0) close(x->user_fd);
    if (x->h2c_fd >= 0) close(x->h2c_fd);
    if (x->c2h_fd >= 0) close(x->c2h_fd);
    if (x->events_fd >= 0) close(x->events_fd);
    free(x);
}

static const tn_ops XDMA_OPS = {
    "xdma", xdma_reg_read, xdma_reg_write, xdma_mem_write, xdma_mem_read, xdma_wait_irq, xdma_close,
};

static int open_file(tn_device *dev, const char *prefix, const char *suffix, int flags, int *fd)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s%s", prefix, suffix) >= sizeof path) {
        return tn_fail(dev, TN_EURI, "xdma: device path too long");
    }
    *fd = open(path, flags | O_CLOEXEC);
    if (*fd < 0) {
        return tn_fail(dev, TN_ENODEV, "xdma: cannot open %s: %s", path, strerror(errno));
    }
    return TN_OK;
}

int tn_xdma_open(tn_device *dev, const char *spec)
{
    char prefix[4096];
    const char *q = strchr(spec, '?');
    size_t plen = q != NULL ? (size_t)(q - spec) : strlen(spec);
    const char *opts = q != NULL ? q + 1 : "";
    if (plen == 0 || plen >= sizeof prefix) {
        return tn_fail(dev, TN_EURI, "xdma: expected xdma:<device prefix>, e.g. xdma:/dev/xdma0");
    }
    memcpy(prefix, spec, plen);
    prefix[plen] = '\0';
    uint64_t events = 0, bar_size = 65536, bar_offset = 0, poll_mode = 0;
    if (tn_opt_u64(opts, "events", &events) < 0 || events > 15 || tn_opt_u64(opts, "bar_size", &bar_size) < 0
        || tn_opt_u64(opts, "bar_offset", &bar_offset) < 0 || tn_opt_u64(opts, "poll", &poll_mode) < 0
        || bar_offset + TN_REG_SPACE > bar_size || (bar_offset & 3u) != 0) {
        return tn_fail(dev, TN_EURI, "xdma: bad option in '%s' (events 0..15, bar_offset + 0x%x <= bar_size)", opts,
                       TN_REG_SPACE);
    }
    xdma *x = calloc(1, sizeof *x);
    if (x == NULL) return TN_ENOMEM;
    x->dev = dev;
    x->user_fd = x->h2c_fd = x->c2h_fd = x->events_fd = -1;
    x->poll_mode = poll_mode != 0;
    char ev[32];
    snprintf(ev, sizeof ev, "_events_%u", (unsigned)events);
    int rc = open_file(dev, prefix, "_user", O_RDWR | O_SYNC, &x->user_fd);
    if (rc == TN_OK) rc = open_file(dev, prefix, "_h2c_0", O_WRONLY, &x->h2c_fd);
    if (rc == TN_OK) rc = open_file(dev, prefix, "_c2h_0", O_RDONLY, &x->c2h_fd);
    if (rc == TN_OK && !x->poll_mode) rc = open_file(dev, prefix, ev, O_RDONLY | O_NONBLOCK, &x->events_fd);
    if (rc == TN_OK) {
        struct stat sb;
        if (fstat(x->user_fd, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size < bar_size) {
            rc = tn_fail(dev, TN_ENODEV, "xdma: %s_user is a %lld-byte file, smaller than bar_size %llu", prefix,
                         (long long)sb.st_size, (unsigned long long)bar_size);
        }
    }
    if (rc == TN_OK) {
        x->map_len = (size_t)bar_size;
        x->map = mmap(NULL, x->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, x->user_fd, 0);
        if (x->map == MAP_FAILED) {
            rc = tn_fail(dev, TN_ENODEV, "xdma: mmap of %s_user failed: %s", prefix, strerror(errno));
        } else {
            x->regs = (volatile uint32_t *)((uint8_t *)x->map + bar_offset);
        }
    }
    if (rc != TN_OK) {
        xdma_close(x);
        return rc;
    }
    dev->ops = &XDMA_OPS;
    dev->ctx = x;
    return TN_OK;
}
