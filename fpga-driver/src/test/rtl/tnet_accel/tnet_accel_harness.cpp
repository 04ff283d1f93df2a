// SPDX-License-Identifier: Apache-2.0
// Verilator harness for the whole accelerator: drives tnet_accel through its AXI4-Lite and AXI4 ports like a
// host driver would (regions from the registers, bursts, start, interrupt with timeout, read back).
//
// usage: harness CASE_DIR...   each CASE_DIR holds run.txt ("num_layers batch out_bytes"), desc.bin, thr.bin,
// sgn.bin, bias.bin, in.bin; the harness writes out.bin and result.txt ("error error_info cycles ops irq_cycles").
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "Vtnet_accel.h"
#include "verilated.h"

namespace {

constexpr uint32_t REG_CTRL = 0x00, REG_GIE = 0x04, REG_IER = 0x08, REG_ISR = 0x0C, REG_ID = 0x10,
                   REG_ERROR = 0x20, REG_NUM_LAYERS = 0x24, REG_BATCH = 0x28, REG_ERROR_INFO = 0x2C,
                   REG_CYCLES_LO = 0x30, REG_CYCLES_HI = 0x34, REG_OPS_LO = 0x38, REG_OPS_HI = 0x3C,
                   REG_DESC_BASE = 0x50, REG_THR_BASE = 0x58, REG_SGN_BASE = 0x60, REG_BIAS_BASE = 0x68,
                   REG_IN_BASE = 0x70, REG_OUT_BASE = 0x78;

Vtnet_accel* top;
uint64_t ticks = 0;

void tick() {
    top->ap_clk = 0;
    top->eval();
    top->ap_clk = 1;
    top->eval();
    ticks++;
}

void fail(const char* what) {
    std::fprintf(stderr, "harness: %s\n", what);
    std::exit(2);
}

template <typename F> void wait_for(F cond, const char* what) {
    for (int i = 0; i < 1000; i++) {
        if (cond()) return;
        tick();
    }
    fail(what);
}

void axil_write(uint32_t addr, uint32_t data) {
    top->s_axi_ctrl_awaddr = addr;
    top->s_axi_ctrl_awvalid = 1;
    top->s_axi_ctrl_wdata = data;
    top->s_axi_ctrl_wstrb = 0xF;
    top->s_axi_ctrl_wvalid = 1;
    top->s_axi_ctrl_bready = 1;
    bool aw = false, w = false;
    for (int i = 0; i < 100 && !(aw && w); i++) {
        top->eval();
        bool awr = top->s_axi_ctrl_awready, wr = top->s_axi_ctrl_wready;
        tick();
        if (awr && !aw) { aw = true; top->s_axi_ctrl_awvalid = 0; }
        if (wr && !w) { w = true; top->s_axi_ctrl_wvalid = 0; }
    }
    wait_for([] { top->eval(); return top->s_axi_ctrl_bvalid != 0; }, "AXI-Lite B timeout");
    tick();
    top->s_axi_ctrl_bready = 0;
}

uint32_t axil_read(uint32_t addr) {
    top->s_axi_ctrl_araddr = addr;
    top->s_axi_ctrl_arvalid = 1;
    top->s_axi_ctrl_rready = 1;
    wait_for([] { top->eval(); return top->s_axi_ctrl_arready != 0; }, "AXI-Lite AR timeout");
    tick();
    top->s_axi_ctrl_arvalid = 0;
    wait_for([] { top->eval(); return top->s_axi_ctrl_rvalid != 0; }, "AXI-Lite R timeout");
    uint32_t v = top->s_axi_ctrl_rdata;
    tick();
    top->s_axi_ctrl_rready = 0;
    return v;
}

uint32_t word_at(const std::vector<uint8_t>& b, size_t i) {
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) v |= (i + k < b.size() ? uint32_t(b[i + k]) : 0u) << (8 * k);
    return v;
}

// one INCR burst per 256 words (never crossing the 4 KiB AXI boundary: bursts start 1 KiB aligned)
void axi_write(uint32_t addr, const std::vector<uint8_t>& bytes) {
    size_t words = (bytes.size() + 3) / 4;
    for (size_t w0 = 0; w0 < words; w0 += 256) {
        size_t n = std::min<size_t>(256, words - w0);
        top->s_axi_mem_awaddr = addr + 4 * w0;
        top->s_axi_mem_awlen = n - 1;
        top->s_axi_mem_awsize = 2;
        top->s_axi_mem_awburst = 1;
        top->s_axi_mem_awid = 3;
        top->s_axi_mem_awvalid = 1;
        wait_for([] { top->eval(); return top->s_axi_mem_awready != 0; }, "AXI AW timeout");
        tick();
        top->s_axi_mem_awvalid = 0;
        for (size_t i = 0; i < n; i++) {
            top->s_axi_mem_wdata = word_at(bytes, 4 * (w0 + i));
            top->s_axi_mem_wstrb = 0xF;
            top->s_axi_mem_wlast = i == n - 1;
            top->s_axi_mem_wvalid = 1;
            wait_for([] { top->eval(); return top->s_axi_mem_wready != 0; }, "AXI W timeout");
            tick();
        }
        top->s_axi_mem_wvalid = 0;
        top->s_axi_mem_bready = 1;
        wait_for([] { top->eval(); return top->s_axi_mem_bvalid != 0; }, "AXI B timeout");
        if (top->s_axi_mem_bresp != 0) fail("AXI write answered SLVERR");
        if (top->s_axi_mem_bid != 3) fail("AXI BID mismatch");
        tick();
        top->s_axi_mem_bready = 0;
    }
}

std::vector<uint8_t> axi_read(uint32_t addr, size_t nbytes) {
    std::vector<uint8_t> out;
    size_t words = (nbytes + 3) / 4;
    for (size_t w0 = 0; w0 < words; w0 += 256) {
        size_t n = std::min<size_t>(256, words - w0);
        top->s_axi_mem_araddr = addr + 4 * w0;
        top->s_axi_mem_arlen = n - 1;
        top->s_axi_mem_arsize = 2;
        top->s_axi_mem_arburst = 1;
        top->s_axi_mem_arid = 5;
        top->s_axi_mem_arvalid = 1;
        wait_for([] { top->eval(); return top->s_axi_mem_arready != 0; }, "AXI AR timeout");
        tick();
        top->s_axi_mem_arvalid = 0;
        top->s_axi_mem_rready = 1;
        for (size_t i = 0; i < n; i++) {
            wait_for([] { top->eval(); return top->s_axi_mem_rvalid != 0; }, "AXI R timeout");
            if (top->s_axi_mem_rresp != 0) fail("AXI read answered SLVERR");
            if ((top->s_axi_mem_rlast != 0) != (i == n - 1)) fail("AXI RLAST misplaced");
            uint32_t v = top->s_axi_mem_rdata;
            for (int k = 0; k < 4; k++) out.push_back(uint8_t(v >> (8 * k)));
            tick();
        }
        top->s_axi_mem_rready = 0;
    }
    out.resize(nbytes);
    return out;
}

std::vector<uint8_t> slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) fail(("cannot read " + path).c_str());
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

void run_case(const std::string& dir) {
    unsigned layers = 0, batch = 0, out_bytes = 0;
    {
        std::ifstream f(dir + "/run.txt");
        if (!(f >> layers >> batch >> out_bytes)) fail("bad run.txt");
    }
    // reset (longer than the adder-tree depth so every pipeline register is flushed)
    top->ap_rst_n = 0;
    for (int i = 0; i < 16; i++) tick();
    top->ap_rst_n = 1;
    tick();
    if (axil_read(REG_ID) != 0x544E4E31u) fail("ID register mismatch");
    axi_write(axil_read(REG_DESC_BASE), slurp(dir + "/desc.bin"));
    axi_write(axil_read(REG_THR_BASE), slurp(dir + "/thr.bin"));
    axi_write(axil_read(REG_SGN_BASE), slurp(dir + "/sgn.bin"));
    axi_write(axil_read(REG_BIAS_BASE), slurp(dir + "/bias.bin"));
    axi_write(axil_read(REG_IN_BASE), slurp(dir + "/in.bin"));
    axil_write(REG_NUM_LAYERS, layers);
    axil_write(REG_BATCH, batch);
    axil_write(REG_IER, 1);
    axil_write(REG_GIE, 1);
    axil_write(REG_CTRL, 1);
    uint64_t t0 = ticks;
    for (;;) {
        top->eval();
        if (top->__SYM__interrupt) break;
        if (ticks - t0 > 50000000ull) fail("interrupt timeout");
        tick();
    }
    uint64_t irq_cycles = ticks - t0;
    uint32_t isr = axil_read(REG_ISR);
    if ((isr & 1u) == 0) fail("ISR.done not set at interrupt");
    axil_write(REG_ISR, isr);
    top->eval();
    if (top->__SYM__interrupt) fail("interrupt still high after ISR write-back");
    uint32_t ctrl = axil_read(REG_CTRL);
    if ((ctrl & 0x6u) != 0x6u) fail("CTRL: expected ap_done and ap_idle");
    if ((axil_read(REG_CTRL) & 0x2u) != 0) fail("CTRL: ap_done not cleared on read");
    uint32_t err = axil_read(REG_ERROR), info = axil_read(REG_ERROR_INFO);
    uint64_t cycles = axil_read(REG_CYCLES_LO);
    cycles |= uint64_t(axil_read(REG_CYCLES_HI)) << 32;
    uint64_t ops = axil_read(REG_OPS_LO);
    ops |= uint64_t(axil_read(REG_OPS_HI)) << 32;
    std::vector<uint8_t> out = axi_read(axil_read(REG_OUT_BASE), out_bytes);
    if (err != 0) {
        axil_write(REG_ERROR, err);
        if (axil_read(REG_ERROR) != 0) fail("ERROR not cleared by write-back");
    }
    std::ofstream(dir + "/out.bin", std::ios::binary).write(reinterpret_cast<const char*>(out.data()), out.size());
    std::ofstream(dir + "/result.txt") << err << ' ' << info << ' ' << cycles << ' ' << ops << ' ' << irq_cycles << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    Verilated::commandArgs(argc, argv);
    top = new Vtnet_accel;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '+') continue;
        run_case(argv[i]);
    }
    top->final();
    delete top;
    return 0;
}
