// SPDX-License-Identifier: Apache-2.0
// tnsim_harness.cpp - the host side of a simulated accelerator: compiled by Verilator together with the
// generated RTL (top module tnet_accel) into one shared library that exports the C ABI of
// tnet_sim_model.h, which the driver's "sim:" transport loads with dlopen. Every call advances the
// clock only as far as the AXI handshakes need; each handle owns its own VerilatedContext, so several
// simulated accelerators can live in one process.
//
// Build (see io.tnet.fpga.SimulationBuilder):
//   verilator --cc --exe --build -CFLAGS -fPIC -LDFLAGS -shared --top-module tnet_accel -o libtnsim.so \
//     -I<rtl> <rtl sources> tnsim_harness.cpp
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "Vtnet_accel.h"
#include "tnet_sim_model.h"
#include "verilated.h"

namespace {

// Cycles a handshake may take before the harness gives up (the RTL answers in a few cycles).
constexpr int HANDSHAKE_LIMIT = 10000;

struct Sim {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vtnet_accel> top;
    uint64_t cycles = 0;

    Sim() : ctx(new VerilatedContext), top(new Vtnet_accel(ctx.get(), "tnet_accel")) {}

    void tick() {
        top->ap_clk = 0;
        top->eval();
        top->ap_clk = 1;
        top->eval();
        cycles++;
    }

    template <typename F> bool wait_for(F cond) {
        for (int i = 0; i < HANDSHAKE_LIMIT; i++) {
            top->eval();
            if (cond()) return true;
            tick();
        }
        return false;
    }

    void reset() {
        top->ap_rst_n = 0;
        for (int i = 0; i < 16; i++) tick();
        top->ap_rst_n = 1;
        tick();
    }

    int axil_write(uint32_t addr, uint32_t data) {
        top->s_axi_ctrl_awaddr = addr;
        top->s_axi_ctrl_awvalid = 1;
        top->s_axi_ctrl_wdata = data;
        top->s_axi_ctrl_wstrb = 0xF;
        top->s_axi_ctrl_wvalid = 1;
        top->s_axi_ctrl_bready = 1;
        bool aw = false, w = false;
        for (int i = 0; i < HANDSHAKE_LIMIT && !(aw && w); i++) {
            top->eval();
            bool awr = top->s_axi_ctrl_awready && !aw, wr = top->s_axi_ctrl_wready && !w;
            tick();
            if (awr) { aw = true; top->s_axi_ctrl_awvalid = 0; }
            if (wr) { w = true; top->s_axi_ctrl_wvalid = 0; }
        }
        top->s_axi_ctrl_awvalid = 0;
        top->s_axi_ctrl_wvalid = 0;
        if (!(aw && w) || !wait_for([this] { return top->s_axi_ctrl_bvalid != 0; })) return -1;
        int resp = top->s_axi_ctrl_bresp;
        tick();
        top->s_axi_ctrl_bready = 0;
        return resp == 0 ? 0 : -2;
    }

    int axil_read(uint32_t addr, uint32_t* data) {
        top->s_axi_ctrl_araddr = addr;
        top->s_axi_ctrl_arvalid = 1;
        top->s_axi_ctrl_rready = 1;
        if (!wait_for([this] { return top->s_axi_ctrl_arready != 0; })) return -1;
        tick();
        top->s_axi_ctrl_arvalid = 0;
        if (!wait_for([this] { return top->s_axi_ctrl_rvalid != 0; })) return -1;
        *data = top->s_axi_ctrl_rdata;
        int resp = top->s_axi_ctrl_rresp;
        tick();
        top->s_axi_ctrl_rready = 0;
        return resp == 0 ? 0 : -2;
    }

    // One INCR burst of n words at a word-aligned address; strobes mask the partial edge words.
    int write_burst(uint64_t addr, const uint32_t* words, const uint8_t* strb, size_t n) {
        top->s_axi_mem_awaddr = addr;
        top->s_axi_mem_awlen = n - 1;
        top->s_axi_mem_awsize = 2;
        top->s_axi_mem_awburst = 1;
        top->s_axi_mem_awid = 1;
        top->s_axi_mem_awvalid = 1;
        if (!wait_for([this] { return top->s_axi_mem_awready != 0; })) return -1;
        tick();
        top->s_axi_mem_awvalid = 0;
        for (size_t i = 0; i < n; i++) {
            top->s_axi_mem_wdata = words[i];
            top->s_axi_mem_wstrb = strb[i];
            top->s_axi_mem_wlast = i == n - 1;
            top->s_axi_mem_wvalid = 1;
            if (!wait_for([this] { return top->s_axi_mem_wready != 0; })) return -1;
            tick();
        }
        top->s_axi_mem_wvalid = 0;
        top->s_axi_mem_wlast = 0;
        top->s_axi_mem_bready = 1;
        if (!wait_for([this] { return top->s_axi_mem_bvalid != 0; })) return -1;
        int resp = top->s_axi_mem_bresp;
        tick();
        top->s_axi_mem_bready = 0;
        return resp == 0 ? 0 : -2;
    }

    int read_burst(uint64_t addr, uint32_t* words, size_t n) {
        top->s_axi_mem_araddr = addr;
        top->s_axi_mem_arlen = n - 1;
        top->s_axi_mem_arsize = 2;
        top->s_axi_mem_arburst = 1;
        top->s_axi_mem_arid = 2;
        top->s_axi_mem_arvalid = 1;
        if (!wait_for([this] { return top->s_axi_mem_arready != 0; })) return -1;
        tick();
        top->s_axi_mem_arvalid = 0;
        top->s_axi_mem_rready = 1;
        int resp = 0;
        for (size_t i = 0; i < n; i++) {
            if (!wait_for([this] { return top->s_axi_mem_rvalid != 0; })) return -1;
            words[i] = top->s_axi_mem_rdata;
            if (top->s_axi_mem_rresp != 0) resp = -2;
            tick();
        }
        top->s_axi_mem_rready = 0;
        return resp;
    }

    // Bursts of at most 256 beats that never cross a 4 KiB boundary (AXI rule).
    static size_t burst_words(uint64_t word_addr, size_t remaining) {
        size_t to_4k = (4096 - (word_addr & 4095)) / 4;
        return std::min<size_t>({remaining, 256, to_4k});
    }

    int write(uint64_t addr, const uint8_t* src, uint64_t len) {
        uint64_t first = addr & ~uint64_t(3), end = addr + len;
        size_t total = (end - first + 3) / 4;
        uint32_t words[256];
        uint8_t strb[256];
        for (size_t done = 0; done < total;) {
            uint64_t wa = first + 4 * done;
            size_t n = burst_words(wa, total - done);
            for (size_t i = 0; i < n; i++) {
                uint32_t v = 0;
                uint8_t s = 0;
                for (int k = 0; k < 4; k++) {
                    uint64_t a = wa + 4 * i + k;
                    if (a >= addr && a < end) {
                        v |= uint32_t(src[a - addr]) << (8 * k);
                        s |= uint8_t(1u << k);
                    }
                }
                words[i] = v;
                strb[i] = s;
            }
            int r = write_burst(wa, words, strb, n);
            if (r != 0) return r;
            done += n;
        }
        return 0;
    }

    int read(uint64_t addr, uint8_t* dst, uint64_t len) {
        uint64_t first = addr & ~uint64_t(3), end = addr + len;
        size_t total = (end - first + 3) / 4;
        uint32_t words[256];
        for (size_t done = 0; done < total;) {
            uint64_t wa = first + 4 * done;
            size_t n = burst_words(wa, total - done);
            int r = read_burst(wa, words, n);
            if (r != 0) return r;
            for (size_t i = 0; i < n; i++) {
                for (int k = 0; k < 4; k++) {
                    uint64_t a = wa + 4 * i + k;
                    if (a >= addr && a < end) dst[a - addr] = uint8_t(words[i] >> (8 * k));
                }
            }
            done += n;
        }
        return 0;
    }
};

}  // namespace

extern "C" {

int tnsim_abi_version(void) { return TNSIM_ABI_VERSION; }

void* tnsim_create(void) {
    try {
        Sim* s = new Sim;
        s->reset();
        return s;
    } catch (...) {
        return nullptr;
    }
}

void tnsim_destroy(void* model) {
    Sim* s = static_cast<Sim*>(model);
    if (s == nullptr) return;
    s->top->final();
    delete s;
}

int tnsim_axil_write(void* model, uint32_t addr, uint32_t data) { return static_cast<Sim*>(model)->axil_write(addr, data); }

int tnsim_axil_read(void* model, uint32_t addr, uint32_t* data) { return static_cast<Sim*>(model)->axil_read(addr, data); }

int tnsim_axi_write(void* model, uint64_t addr, const uint8_t* src, uint64_t len) {
    return static_cast<Sim*>(model)->write(addr, src, len);
}

int tnsim_axi_read(void* model, uint64_t addr, uint8_t* dst, uint64_t len) {
    return static_cast<Sim*>(model)->read(addr, dst, len);
}

int tnsim_run_until_irq(void* model, uint64_t max_cycles) {
    Sim* s = static_cast<Sim*>(model);
    for (uint64_t i = 0; i < max_cycles; i++) {
        s->top->eval();
        if (s->top->__SYM__interrupt) return 1;
        s->tick();
    }
    s->top->eval();
    return s->top->__SYM__interrupt ? 1 : 0;
}

uint64_t tnsim_cycles(void* model) { return static_cast<Sim*>(model)->cycles; }

}  // extern "C"
