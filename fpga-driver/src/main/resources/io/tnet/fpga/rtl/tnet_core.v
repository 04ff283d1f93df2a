// SPDX-License-Identifier: Apache-2.0
// tnet_core: on-card buffers, PE array, requantizers and the layer sequencer of the threshold-network accelerator.
`default_nettype none

module tnet_core #(
    parameter PE          = 16,    // output neurons per step, power of two, <= SIMD
    parameter SIMD        = 32,    // inputs per neuron per step, power of two >= 4
    parameter ACC_W       = 24,    // accumulator width
    parameter MAX_IN      = 1024,  // largest fan-in
    parameter MAX_OUT     = 1024,  // largest fan-out
    parameter MAX_LAYERS  = 16,    // descriptor slots
    parameter PARAM_WORDS = 1024,  // THR/SGN depth (PE*SIMD synapses per word)
    parameter BIAS_WORDS  = 256,   // BIAS depth (PE biases per word)
    parameter IN_WORDS    = 1024,  // IN depth (SIMD bytes per word)
    parameter OUT_WORDS   = 256,   // OUT depth (SIMD bytes per word)
    parameter ACT_WORDS   = 32,    // words per ping-pong activation buffer
    parameter AW          = 20,    // host byte-address width
    // region bases and log2 window sizes (naturally aligned), from the generator's memory map
    parameter [31:0] DESC_BASE = 0, parameter DESC_BITS = 12,
    parameter [31:0] THR_BASE  = 0, parameter THR_BITS  = 12,
    parameter [31:0] SGN_BASE  = 0, parameter SGN_BITS  = 12,
    parameter [31:0] BIAS_BASE = 0, parameter BIAS_BITS = 12,
    parameter [31:0] IN_BASE   = 0, parameter IN_BITS   = 12,
    parameter [31:0] OUT_BASE  = 0, parameter OUT_BITS  = 12
) (
    // clock and synchronous active-low reset
    input  wire          clk,
    input  wire          rst_n,
    // host memory bus (from the AXI4 slave): one read or write per cycle, read data one cycle later
    input  wire          h_wr,
    input  wire          h_rd,
    input  wire [AW-1:0] h_addr,
    input  wire [31:0]   h_wdata,
    input  wire [3:0]    h_wstrb,
    output wire          h_miss,     // address decodes to no region (or a write to OUT): SLVERR
    output reg  [31:0]   h_rdata,
    // control (from the AXI4-Lite slave)
    input  wire          start,
    input  wire [15:0]   num_layers,
    input  wire [15:0]   batch,
    output wire          busy,
    output reg           done,
    output reg  [7:0]    error_code,
    output reg  [31:0]   error_info,
    output reg  [63:0]   cycles,
    output reg  [63:0]   ops
);
`include "tnet_accel_regs.vh"

    localparam LOG_PE     = $clog2(PE);
    localparam LOG_SIMD   = $clog2(SIMD);
    localparam THR_WB     = PE * SIMD;       // bytes per THR word
    localparam SGN_WB     = PE * SIMD / 4;   // bytes per SGN word
    localparam BIAS_WB    = PE * 4;          // bytes per BIAS word
    localparam ACT_WB     = SIMD;            // bytes per activation word
    localparam DESC_WB    = 32;
    localparam PW_A       = $clog2(PARAM_WORDS) > 0 ? $clog2(PARAM_WORDS) : 1;
    localparam BW_A       = $clog2(BIAS_WORDS) > 0 ? $clog2(BIAS_WORDS) : 1;
    localparam IN_A       = $clog2(IN_WORDS) > 0 ? $clog2(IN_WORDS) : 1;
    localparam OUT_A      = $clog2(OUT_WORDS) > 0 ? $clog2(OUT_WORDS) : 1;
    localparam ACT_A      = $clog2(2 * ACT_WORDS);
    localparam DESC_A     = $clog2(MAX_LAYERS) > 0 ? $clog2(MAX_LAYERS) : 1;
    localparam DRAIN      = LOG_SIMD + 4;    // issue -> activation written (see CycleModel)
    localparam GPW        = SIMD / PE;       // neuron groups per activation word
    localparam [7:0] DRAIN_LAST = DRAIN[7:0] - 8'd1;

    generate
        if (PE < 1 || (PE & (PE - 1)) != 0 || PE > SIMD) begin : g_bad_pe
            initial $error("tnet_core: PE must be a power of two <= SIMD");
        end
        if (SIMD < 8 || (SIMD & (SIMD - 1)) != 0) begin : g_bad_simd
            initial $error("tnet_core: SIMD must be a power of two >= 8");
        end
        if (PE * SIMD < 16) begin : g_bad_word
            initial $error("tnet_core: PE*SIMD must be >= 16 (SGN word of 4 bytes)");
        end
    endgenerate

    // ------------------------------------------------------------------ host address decode
    function hit;
        input [AW-1:0] a;
        input [31:0]   base;
        input integer  bits;
        begin
            hit = (({{(32 - AW){1'b0}}, a} >> bits) == (base >> bits));
        end
    endfunction

    wire [31:0] ha = {{(32 - AW){1'b0}}, h_addr};
    // word index inside a region and the lane inside a word
    wire [31:0] desc_off = ha - DESC_BASE, thr_off = ha - THR_BASE, sgn_off = ha - SGN_BASE,
                bias_off = ha - BIAS_BASE, in_off = ha - IN_BASE, out_off = ha - OUT_BASE;
    wire hit_desc = hit(h_addr, DESC_BASE, DESC_BITS) && (desc_off >> $clog2(DESC_WB)) < MAX_LAYERS;
    wire hit_thr  = hit(h_addr, THR_BASE, THR_BITS)   && (thr_off  >> $clog2(THR_WB))  < PARAM_WORDS;
    wire hit_sgn  = hit(h_addr, SGN_BASE, SGN_BITS)   && (sgn_off  >> $clog2(SGN_WB))  < PARAM_WORDS;
    wire hit_bias = hit(h_addr, BIAS_BASE, BIAS_BITS) && (bias_off >> $clog2(BIAS_WB)) < BIAS_WORDS;
    wire hit_in   = hit(h_addr, IN_BASE, IN_BITS)     && (in_off   >> $clog2(ACT_WB))  < IN_WORDS;
    wire hit_out  = hit(h_addr, OUT_BASE, OUT_BITS)   && (out_off  >> $clog2(ACT_WB))  < OUT_WORDS;
    assign h_miss = !(hit_desc | hit_thr | hit_sgn | hit_bias | hit_in | (hit_out & !h_wr));

    reg [5:0] rd_sel;   // region of the read issued last cycle
    always @(posedge clk) begin
        rd_sel <= h_rd ? {hit_out, hit_in, hit_bias, hit_sgn, hit_thr, hit_desc} : 6'd0;
    end
    wire [31:0] rd_desc, rd_thr, rd_sgn, rd_bias, rd_in, rd_out;
    always @* begin
        case (rd_sel)
            6'b000001: h_rdata = rd_desc;
            6'b000010: h_rdata = rd_thr;
            6'b000100: h_rdata = rd_sgn;
            6'b001000: h_rdata = rd_bias;
            6'b010000: h_rdata = rd_in;
            6'b100000: h_rdata = rd_out;
            default:   h_rdata = 32'd0;
        endcase
    end
    wire h_en = h_wr | h_rd;

    // ------------------------------------------------------------------ sequencer state
    localparam [2:0] S_IDLE = 3'd0, S_DESC = 3'd1, S_DECODE = 3'd2, S_CHECK = 3'd3, S_RUN = 3'd4,
                     S_DRAIN = 3'd5, S_DONE = 3'd6;
    reg [2:0]  state;
    reg [15:0] layer, sample, n_layers, n_batch;
    reg [31:0] in_base, out_base;      // word offsets of the current sample in IN and OUT
    reg [31:0] d_kind, d_in, d_out, d_k, d_thr, d_sgn, d_bias;
    reg [16:0] n_chunks, n_groups;     // C = ceil(in/SIMD), G = ceil(out/PE)
    reg [15:0] prev_out;
    reg [16:0] c_idx, g_idx;
    /* verilator lint_off UNUSEDSIGNAL */
    reg [31:0] p_word, s_word, b_word, src_word;  // wider than any memory address
    /* verilator lint_on UNUSEDSIGNAL */
    reg        src_in;                 // layer 0 reads IN, later layers the activation buffer
    reg        dst_out;                // the last layer writes OUT
    reg [31:0] dst_base;
    reg [7:0]  drain;
    reg [5:0]  k_reg;

    assign busy = state != S_IDLE;

    wire [255:0] desc_word;
    wire         last_layer = (layer == n_layers - 16'd1);
    wire [31:0]  steps      = n_chunks * n_groups;               // one-off control product per layer
    wire [31:0]  out_words  = (d_out + ACT_WB - 1) >> LOG_SIMD;
    wire         misaligned = (d_thr[$clog2(THR_WB)-1:0] != 0) || (d_sgn[$clog2(SGN_WB)-1:0] != 0)
                              || (d_bias[$clog2(BIAS_WB)-1:0] != 0);
    wire [32:0]  thr_end    = {1'b0, d_thr >> $clog2(THR_WB)} + {1'b0, steps};
    wire [32:0]  sgn_end    = {1'b0, d_sgn >> $clog2(SGN_WB)} + {1'b0, steps};
    wire [32:0]  bias_end   = {1'b0, d_bias >> $clog2(BIAS_WB)} + {16'd0, n_groups};

    // descriptor checks, evaluated in S_CHECK
    wire bad_desc     = d_kind[7:0] != KIND_THRESHOLD_DENSE || d_kind[8] || misaligned
                        || ($signed(d_k) < -32'sd31) || ($signed(d_k) > 32'sd31);
    wire too_large    = d_in == 32'd0 || d_out == 32'd0 || d_in > MAX_IN || d_out > MAX_OUT;
    wire out_of_range = thr_end > PARAM_WORDS || sgn_end > PARAM_WORDS || bias_end > BIAS_WORDS
                        || (layer == 16'd0 && in_base + {15'd0, n_chunks} > IN_WORDS)
                        || (last_layer && out_base + out_words > OUT_WORDS);
    wire bad_chain    = layer != 16'd0 && d_in[15:0] != prev_out;

    // ------------------------------------------------------------------ issue stage (S_RUN)
    wire issue      = state == S_RUN;
    wire step_first = c_idx == 17'd0;
    wire step_last  = c_idx == n_chunks - 17'd1;

    // ------------------------------------------------------------------ memories
    wire [THR_WB*8-1:0]  thr_word;
    wire [SGN_WB*8-1:0]  sgn_word;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [BIAS_WB*8-1:0] bias_word;   // int32 per neuron; the top bits above ACC_W are sign copies
    wire [ACT_WB*8-1:0]  out_rdata_unused;
    wire [31:0]          act_hrdata_unused;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [ACT_WB*8-1:0]  in_word, act_word;

    wire                 wr_valid;       // requantized group ready (PE bytes)
    wire [PE*8-1:0]      wr_bytes;
    reg  [16:0]          wr_g;           // group index of the next write
    /* verilator lint_off UNUSEDSIGNAL */
    wire [31:0]          wr_word  = dst_base + ({15'd0, wr_g} >> $clog2(GPW));
    wire [SIMD-1:0]      wr_be    = {{(SIMD - PE){1'b0}}, {PE{1'b1}}} << (PE * (GPW > 1 ? wr_g % GPW : 0));
    /* verilator lint_on UNUSEDSIGNAL */
    wire [SIMD*8-1:0]    wr_data  = {GPW{wr_bytes}};

    // unused engine write ports of host-written buffers are tied to zero (wide for PE*SIMD >= 1024)
    /* verilator lint_off WIDTHCONCAT */
    tnet_ram #(.WORD_BYTES(DESC_WB), .WORDS(MAX_LAYERS), .HOST_WRITES(1), .ADDR_W(DESC_A)) ram_desc (
        .clk(clk), .h_en(h_en & hit_desc), .h_we(h_wr), .h_be(h_wstrb), .h_word(desc_off[$clog2(DESC_WB) +: DESC_A]),
        .h_lane(desc_off[2 +: 3]), .h_wdata(h_wdata), .h_rdata(rd_desc),
        .e_re(state == S_DESC), .e_raddr(layer[DESC_A-1:0]), .e_rdata(desc_word),
        .e_we(1'b0), .e_waddr({DESC_A{1'b0}}), .e_be({DESC_WB{1'b0}}), .e_wdata({DESC_WB*8{1'b0}}));

    tnet_ram #(.WORD_BYTES(THR_WB), .WORDS(PARAM_WORDS), .HOST_WRITES(1), .ADDR_W(PW_A)) ram_thr (
        .clk(clk), .h_en(h_en & hit_thr), .h_we(h_wr), .h_be(h_wstrb), .h_word(thr_off[$clog2(THR_WB) +: PW_A]),
        .h_lane(thr_off[2 +: $clog2(THR_WB / 4)]), .h_wdata(h_wdata), .h_rdata(rd_thr),
        .e_re(issue), .e_raddr(p_word[PW_A-1:0]), .e_rdata(thr_word),
        .e_we(1'b0), .e_waddr({PW_A{1'b0}}), .e_be({THR_WB{1'b0}}), .e_wdata({THR_WB*8{1'b0}}));

    tnet_ram #(.WORD_BYTES(SGN_WB), .WORDS(PARAM_WORDS), .HOST_WRITES(1), .ADDR_W(PW_A)) ram_sgn (
        .clk(clk), .h_en(h_en & hit_sgn), .h_we(h_wr), .h_be(h_wstrb), .h_word(sgn_off[$clog2(SGN_WB) +: PW_A]),
        .h_lane(sgn_off[2 +: (SGN_WB > 4 ? $clog2(SGN_WB / 4) : 1)]), .h_wdata(h_wdata), .h_rdata(rd_sgn),
        .e_re(issue), .e_raddr(s_word[PW_A-1:0]), .e_rdata(sgn_word),
        .e_we(1'b0), .e_waddr({PW_A{1'b0}}), .e_be({SGN_WB{1'b0}}), .e_wdata({SGN_WB*8{1'b0}}));

    /* verilator lint_on WIDTHCONCAT */

    // Bias is needed when a neuron's first step leaves the adder tree; the PE delays it with the step.
    tnet_ram #(.WORD_BYTES(BIAS_WB), .WORDS(BIAS_WORDS), .HOST_WRITES(1), .ADDR_W(BW_A)) ram_bias (
        .clk(clk), .h_en(h_en & hit_bias), .h_we(h_wr), .h_be(h_wstrb), .h_word(bias_off[$clog2(BIAS_WB) +: BW_A]),
        .h_lane(bias_off[2 +: (BIAS_WB > 4 ? $clog2(BIAS_WB / 4) : 1)]), .h_wdata(h_wdata), .h_rdata(rd_bias),
        .e_re(issue), .e_raddr(b_word[BW_A-1:0]), .e_rdata(bias_word),
        .e_we(1'b0), .e_waddr({BW_A{1'b0}}), .e_be({BIAS_WB{1'b0}}), .e_wdata({BIAS_WB*8{1'b0}}));

    tnet_ram #(.WORD_BYTES(ACT_WB), .WORDS(IN_WORDS), .HOST_WRITES(1), .ADDR_W(IN_A)) ram_in (
        .clk(clk), .h_en(h_en & hit_in), .h_we(h_wr), .h_be(h_wstrb), .h_word(in_off[LOG_SIMD +: IN_A]),
        .h_lane(in_off[2 +: LOG_SIMD - 2]), .h_wdata(h_wdata), .h_rdata(rd_in),
        .e_re(issue & src_in), .e_raddr(src_word[IN_A-1:0] + c_idx[IN_A-1:0]), .e_rdata(in_word),
        .e_we(1'b0), .e_waddr({IN_A{1'b0}}), .e_be({ACT_WB{1'b0}}), .e_wdata({ACT_WB*8{1'b0}}));

    tnet_ram #(.WORD_BYTES(ACT_WB), .WORDS(OUT_WORDS), .HOST_WRITES(0), .ADDR_W(OUT_A)) ram_out (
        .clk(clk), .h_en(h_rd & hit_out), .h_we(1'b0), .h_be(4'd0), .h_word(out_off[LOG_SIMD +: OUT_A]),
        .h_lane(out_off[2 +: LOG_SIMD - 2]), .h_wdata(32'd0), .h_rdata(rd_out),
        .e_re(1'b0), .e_raddr({OUT_A{1'b0}}), .e_rdata(out_rdata_unused),
        .e_we(wr_valid & dst_out), .e_waddr(wr_word[OUT_A-1:0]), .e_be(wr_be), .e_wdata(wr_data));

    // two activation buffers in one memory: layer l writes half (l & 1), layer l+1 reads it
    tnet_ram #(.WORD_BYTES(ACT_WB), .WORDS(2 * ACT_WORDS), .HOST_WRITES(0), .ADDR_W(ACT_A)) ram_act (
        .clk(clk), .h_en(1'b0), .h_we(1'b0), .h_be(4'd0), .h_word({ACT_A{1'b0}}),
        .h_lane({(LOG_SIMD - 2 > 0 ? LOG_SIMD - 2 : 1){1'b0}}), .h_wdata(32'd0), .h_rdata(act_hrdata_unused),
        .e_re(issue & !src_in), .e_raddr(src_word[ACT_A-1:0] + c_idx[ACT_A-1:0]), .e_rdata(act_word),
        .e_we(wr_valid & !dst_out), .e_waddr(wr_word[ACT_A-1:0]), .e_be(wr_be), .e_wdata(wr_data));

    // ------------------------------------------------------------------ PE array
    reg       v1, first1, last1, src_in1;
    always @(posedge clk) begin
        v1      <= issue & rst_n;
        first1  <= step_first;
        last1   <= step_last;
        src_in1 <= src_in;
    end
    wire [SIMD*8-1:0] x = src_in1 ? in_word : act_word;

    wire [PE-1:0]       pe_valid, pe_ovf;
    wire [PE*ACC_W-1:0] pe_acc;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [PE-1:0]       rq_valid;   // all lanes move in lockstep; lane 0 speaks for them
    /* verilator lint_on UNUSEDSIGNAL */
    genvar p;
    generate
        for (p = 0; p < PE; p = p + 1) begin : pe
            tnet_pe #(.SIMD(SIMD), .ACC_W(ACC_W)) u (
                .clk(clk), .rst_n(rst_n), .in_valid(v1), .in_first(first1), .in_last(last1), .in_x(x),
                .in_theta(thr_word[p*SIMD*8 +: SIMD*8]), .in_sign(sgn_word[p*SIMD*2 +: SIMD*2]),
                .in_bias(bias_word[p*32 +: ACC_W]), .out_valid(pe_valid[p]), .out_acc(pe_acc[p*ACC_W +: ACC_W]),
                .out_overflow(pe_ovf[p]));
            tnet_requant #(.ACC_W(ACC_W)) rq (
                .clk(clk), .in_valid(pe_valid[p]), .in_acc(pe_acc[p*ACC_W +: ACC_W]), .in_k(k_reg),
                .out_valid(rq_valid[p]), .out_y(wr_bytes[p*8 +: 8]));
        end
    endgenerate
    assign wr_valid = rq_valid[0] & busy;
    reg ovf_seen;
    always @(posedge clk) ovf_seen <= pe_valid[0] & (|pe_ovf);

    // bits of the descriptor word the sequencer does not interpret
    wire unused_desc = &{1'b0, d_kind[31:9], desc_word[7*32 +: 32], 1'b0};  // word 7 reserved

    // ------------------------------------------------------------------ sequencer
    always @(posedge clk) begin
        if (!rst_n) begin
            state      <= S_IDLE;
            done       <= 1'b0;
            error_code <= 8'd0;
            error_info <= 32'd0;
            cycles     <= 64'd0;
            ops        <= 64'd0;
            wr_g       <= 17'd0;
            layer      <= 16'd0;
            sample     <= 16'd0;
        end else begin
            done <= 1'b0;
            if (state != S_IDLE) cycles <= cycles + 64'd1;
            if (wr_valid) wr_g <= wr_g + 17'd1;
            if (ovf_seen && busy && error_code == 8'd0) begin
                error_code <= ERR_ACC_OVERFLOW;
                error_info <= {sample, layer};
            end
            case (state)
                S_IDLE: begin
                    if (start) begin
                        cycles     <= 64'd1;
                        ops        <= 64'd0;
                        error_code <= 8'd0;
                        error_info <= 32'd0;
                        layer      <= 16'd0;
                        sample     <= 16'd0;
                        in_base    <= 32'd0;
                        out_base   <= 32'd0;
                        n_layers   <= num_layers;
                        n_batch    <= batch;
                        if (num_layers == 16'd0 || num_layers > MAX_LAYERS || batch == 16'd0) begin
                            error_code <= ERR_BAD_BATCH;
                            state      <= S_DONE;
                        end else begin
                            state <= S_DESC;
                        end
                    end
                end
                S_DESC: state <= S_DECODE;   // descriptor read issued this cycle
                S_DECODE: begin
                    d_kind   <= desc_word[0*32 +: 32];
                    d_in     <= desc_word[1*32 +: 32];
                    d_out    <= desc_word[2*32 +: 32];
                    d_k      <= desc_word[3*32 +: 32];
                    d_thr    <= desc_word[4*32 +: 32];
                    d_sgn    <= desc_word[5*32 +: 32];
                    d_bias   <= desc_word[6*32 +: 32];
                    n_chunks <= desc_word[1*32 +: 17] + SIMD[16:0] - 17'd1 >> LOG_SIMD;
                    n_groups <= desc_word[2*32 +: 17] + PE[16:0] - 17'd1 >> LOG_PE;
                    state    <= S_CHECK;
                end
                S_CHECK: begin
                    c_idx    <= 17'd0;
                    g_idx    <= 17'd0;
                    wr_g     <= 17'd0;
                    p_word   <= d_thr >> $clog2(THR_WB);
                    s_word   <= d_sgn >> $clog2(SGN_WB);
                    b_word   <= d_bias >> $clog2(BIAS_WB);
                    src_in   <= layer == 16'd0;
                    src_word <= layer == 16'd0 ? in_base : (layer[0] ? 32'd0 : ACT_WORDS);
                    dst_out  <= last_layer;
                    dst_base <= last_layer ? out_base : (layer[0] ? ACT_WORDS : 32'd0);
                    k_reg    <= d_k[5:0];
                    ops      <= ops + d_in[15:0] * d_out[15:0];
                    state    <= S_RUN;
                    // error precedence as docs/hardware.md: descriptor, size, range, chain
                    if (bad_desc) begin
                        error_code <= ERR_BAD_DESCRIPTOR;
                    end else if (too_large) begin
                        error_code <= ERR_LAYER_TOO_LARGE;
                    end else if (out_of_range) begin
                        error_code <= ERR_OUT_OF_RANGE;
                    end else if (bad_chain) begin
                        error_code <= ERR_BAD_CHAIN;
                    end
                    if (bad_desc | too_large | out_of_range | bad_chain) begin
                        error_info <= {sample, layer};
                        state      <= S_DONE;
                    end
                end
                S_RUN: begin
                    p_word <= p_word + 32'd1;
                    s_word <= s_word + 32'd1;
                    if (step_last) begin
                        c_idx  <= 17'd0;
                        g_idx  <= g_idx + 17'd1;
                        b_word <= b_word + 32'd1;
                        if (g_idx == n_groups - 17'd1) begin
                            drain <= 8'd0;
                            state <= S_DRAIN;
                        end
                    end else begin
                        c_idx <= c_idx + 17'd1;
                    end
                end
                S_DRAIN: begin
                    drain <= drain + 8'd1;
                    if (drain == DRAIN_LAST) begin
                        prev_out <= d_out[15:0];
                        if (!last_layer) begin
                            layer <= layer + 16'd1;
                            state <= S_DESC;
                        end else if (sample == n_batch - 16'd1) begin
                            state <= S_DONE;
                        end else begin
                            sample   <= sample + 16'd1;
                            layer    <= 16'd0;
                            in_base  <= in_base + {15'd0, n_chunks_first};
                            out_base <= out_base + out_words;
                            state    <= S_DESC;
                        end
                    end
                end
                S_DONE: begin
                    done  <= 1'b1;
                    state <= S_IDLE;
                end
                default: state <= S_IDLE;
            endcase
        end
    end

    // chunks of layer 0 (the IN stride in words), remembered for the next sample
    reg [16:0] n_chunks_first;
    always @(posedge clk) begin
        if (state == S_CHECK && layer == 16'd0) n_chunks_first <= n_chunks;
    end
endmodule

`default_nettype wire
