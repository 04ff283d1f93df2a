// SPDX-License-Identifier: Apache-2.0
// tnet_pe: one threshold neuron lane group: SIMD synapses per cycle (subtract, clamp, add/sub), adder tree, accumulator.
`default_nettype none

module tnet_pe #(
    parameter SIMD  = 32,  // synapses per cycle, a power of two >= 2
    parameter ACC_W = 24   // accumulator width; saturates, flags overflow
) (
    // clock and synchronous active-low reset
    input  wire              clk,
    input  wire              rst_n,
    // one step: SIMD inputs x, thresholds theta (int8 each, lane s in bits [8s +: 8]) and 2-bit sign
    // codes (00 = 0, 01 = +1, 11 = -1); first/last mark the first and last step of a neuron; bias
    // (sampled with first) starts the accumulation
    input  wire              in_valid,
    input  wire              in_first,
    input  wire              in_last,
    input  wire [SIMD*8-1:0] in_x,
    input  wire [SIMD*8-1:0] in_theta,
    input  wire [SIMD*2-1:0] in_sign,
    input  wire [ACC_W-1:0]  in_bias,
    // the neuron's accumulator b + sum s*max(x - theta, 0), after its last step (LATENCY cycles)
    output reg               out_valid,
    output reg  [ACC_W-1:0]  out_acc,
    output reg               out_overflow
);
    localparam TREE_LEVELS = $clog2(SIMD);
    localparam SUM_W       = 9 + TREE_LEVELS;
    localparam TAG_W       = 3 + ACC_W;

    generate
        if (SUM_W > ACC_W) begin : g_bad_width
            initial $error("tnet_pe: ACC_W must hold one step's sum (9 + log2(SIMD) bits)");
        end
    endgenerate

    // ---- stage 1: one threshold synapse per lane, term in [-255, 255] ----
    wire [SIMD*9-1:0] term_c;
    reg  [SIMD*9-1:0] term;
    reg  [TAG_W-1:0]  tag1;
    genvar s;
    generate
        for (s = 0; s < SIMD; s = s + 1) begin : lane
            tnet_lane u (.x(in_x[s*8 +: 8]), .theta(in_theta[s*8 +: 8]), .code(in_sign[s*2 +: 2]),
                         .term(term_c[s*9 +: 9]));
        end
    endgenerate
    always @(posedge clk) begin
        term <= term_c;
        tag1 <= {in_valid & rst_n, in_first, in_last, in_bias};
    end

    // ---- stages 2 .. 1+log2(SIMD): adder tree ----
    wire [SUM_W-1:0] sum;
    wire [TAG_W-1:0] tag2;
    tnet_adder_tree #(.N(SIMD), .W(9), .TAG_W(TAG_W)) tree (
        .clk(clk), .in_data(term), .in_tag(tag1), .sum(sum), .out_tag(tag2)
    );

    wire             t_valid = tag2[TAG_W-1];
    wire             t_first = tag2[TAG_W-2];
    wire             t_last  = tag2[TAG_W-3];
    wire [ACC_W-1:0] t_bias  = tag2[ACC_W-1:0];

    // ---- last stage: saturating accumulation ----
    reg  [ACC_W-1:0] acc;
    reg              ovf;
    wire [ACC_W-1:0] base   = t_first ? t_bias : acc;
    wire [ACC_W:0]   next_x = {base[ACC_W-1], base} + {{(ACC_W + 1 - SUM_W){sum[SUM_W-1]}}, sum};
    wire             over   = next_x[ACC_W] != next_x[ACC_W-1];
    wire [ACC_W-1:0] next   = over ? {next_x[ACC_W], {(ACC_W-1){~next_x[ACC_W]}}} : next_x[ACC_W-1:0];
    wire             ovf_n  = (t_first ? 1'b0 : ovf) | over;

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid    <= 1'b0;
            acc          <= {ACC_W{1'b0}};
            ovf          <= 1'b0;
            out_acc      <= {ACC_W{1'b0}};
            out_overflow <= 1'b0;
        end else begin
            out_valid <= t_valid & t_last;
            if (t_valid) begin
                acc <= next;
                ovf <= ovf_n;
            end
            if (t_valid & t_last) begin
                out_acc      <= next;
                out_overflow <= ovf_n;
            end
        end
    end
endmodule

`default_nettype wire
