/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fake_xdma_card.c - a stand-in for an XDMA card made of ordinary files, so the xdma: transport runs
 * in tests: <prefix>_user (the BAR, a 64 KiB file both sides mmap), <prefix>_mem (card memory) with
 * <prefix>_h2c_0 and <prefix>_c2h_0 as symlinks to it, and <prefix>_events_0 (a FIFO the card writes
 * a 4-byte count to when a run completes). The card runs the accelerator model (accel.c).
 *
 * Limits of a file: read side effects (ap_done clear-on-read) and write-1-to-clear/toggle registers
 * cannot be modelled, so the card itself clears ISR and ERROR when it sees ap_start.
 *
 * Usage: tn_fake_xdma_card <prefix> [mock options]. Prints "ready" when the files exist; exits when
 * its standard input closes (the test's process handle), removing the files.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../main/c/lib/tn_accel.h"
#include "../../main/c/lib/tn_internal.h"
#include "../../main/c/lib/tn_regs.h"

#define BAR_SIZE 65536u

typedef struct card {
    uint8_t *mem;
    uint64_t mem_size;
} card;

static uint8_t *card_mem(void *user, uint64_t addr, uint64_t len)
{
    card *c = user;
    return addr <= c->mem_size && len <= c->mem_size - addr ? c->mem + addr : NULL;
}

static char *path(const char *prefix, const char *suffix)
{
    static char buf[8][4096];
    static int next;
    char *p = buf[next++ & 7];
    snprintf(p, 4096, "%s%s", prefix, suffix);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <prefix> [mock options]\n", argv[0]);
        return 2;
    }
    const char *prefix = argv[1];
    const char *opts = argc > 2 ? argv[2] : "";
    tn_accel_config cfg;
    char err[256] = "";
    if (tn_accel_config_parse(&cfg, opts, err, sizeof err) != TN_OK) {
        fprintf(stderr, "bad options: %s\n", err);
        return 2;
    }
    uint64_t hang_after = UINT64_MAX, runs = 0;
    tn_opt_u64(opts, "hang_after", &hang_after);
    uint64_t top = 0;
    for (int r = 0; r < TN_RGN_COUNT; r++) {
        if (cfg.base[r] + cfg.size[r] > top) top = cfg.base[r] + cfg.size[r];
    }
    int bar_fd = open(path(prefix, "_user"), O_RDWR | O_CREAT | O_TRUNC, 0600);
    int mem_fd = open(path(prefix, "_mem"), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (bar_fd < 0 || mem_fd < 0 || ftruncate(bar_fd, BAR_SIZE) != 0 || ftruncate(mem_fd, (off_t)top) != 0) {
        perror("fake card: create files");
        return 1;
    }
    unlink(path(prefix, "_h2c_0"));
    unlink(path(prefix, "_c2h_0"));
    unlink(path(prefix, "_events_0"));
    if (symlink(path(prefix, "_mem"), path(prefix, "_h2c_0")) != 0
        || symlink(path(prefix, "_mem"), path(prefix, "_c2h_0")) != 0
        || mkfifo(path(prefix, "_events_0"), 0600) != 0) {
        perror("fake card: links/fifo");
        return 1;
    }
    /* O_RDWR on a FIFO never blocks and keeps a writer present, so the driver's poll sees no hang-up. */
    int ev_fd = open(path(prefix, "_events_0"), O_RDWR);
    volatile uint32_t *regs = mmap(NULL, BAR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, bar_fd, 0);
    card c = {mmap(NULL, top, PROT_READ | PROT_WRITE, MAP_SHARED, mem_fd, 0), top};
    if (ev_fd < 0 || regs == MAP_FAILED || c.mem == MAP_FAILED) {
        perror("fake card: map");
        return 1;
    }
    tn_accel_state st = {0};
    st.ctrl_idle = 1;
    for (uint32_t off = 0; off < TN_REG_SPACE; off += 4) {
        regs[off / 4] = tn_accel_reg_read(&cfg, &st, off);
    }
    regs[TN_REG_CTRL / 4] = TN_CTRL_IDLE | TN_CTRL_READY;
    printf("ready\n");
    fflush(stdout);

    uint32_t events = 0;
    for (;;) {
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        if (poll(&pfd, 1, 1) > 0) {
            char b[64];
            if (read(STDIN_FILENO, b, sizeof b) <= 0) break;
        }
        __sync_synchronize();
        if ((regs[TN_REG_CTRL / 4] & TN_CTRL_START) == 0) continue;
        /* Accept the start: status of the previous run first, then ap_start reads 0 (accepted). */
        regs[TN_REG_ISR / 4] = 0;
        regs[TN_REG_ERROR / 4] = 0;
        __sync_synchronize();
        regs[TN_REG_CTRL / 4] = 0;
        if (++runs > hang_after) continue; /* wedged: never completes */
        st.error = 0;
        st.isr = 0;
        st.ier = regs[TN_REG_IER / 4];
        st.gie = regs[TN_REG_GIE / 4];
        st.num_layers = regs[TN_REG_NUM_LAYERS / 4];
        st.batch = regs[TN_REG_BATCH / 4];
        st.ctrl_idle = 0;
        tn_accel_execute(&cfg, &st, card_mem, &c);
        regs[TN_REG_ERROR / 4] = st.error;
        regs[TN_REG_CYCLES_LO / 4] = (uint32_t)st.cycles;
        regs[TN_REG_CYCLES_HI / 4] = (uint32_t)(st.cycles >> 32);
        regs[TN_REG_OPS_LO / 4] = (uint32_t)st.ops;
        regs[TN_REG_OPS_HI / 4] = (uint32_t)(st.ops >> 32);
        regs[TN_REG_ISR / 4] = st.isr;
        __sync_synchronize();
        regs[TN_REG_CTRL / 4] = TN_CTRL_IDLE | TN_CTRL_READY | TN_CTRL_DONE;
        if (st.gie && (st.isr & st.ier)) {
            events++;
            if (write(ev_fd, &events, sizeof events) != (ssize_t)sizeof events) {
                perror("fake card: event");
            }
        }
    }
    unlink(path(prefix, "_h2c_0"));
    unlink(path(prefix, "_c2h_0"));
    unlink(path(prefix, "_events_0"));
    unlink(path(prefix, "_user"));
    unlink(path(prefix, "_mem"));
    return 0;
}
