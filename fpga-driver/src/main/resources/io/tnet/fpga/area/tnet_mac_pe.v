// SPDX-License-Identifier: Apache-2.0
// tnet_mac_pe: a MAC neuron lane group built exactly like tnet_pe (same pipeline, tree, accumulator) with multipliers.
`default_nettype none

module tnet_mac_pe #(
    parameter SIMD  = 32,  // synapses per cycle, a power of two >= 2
    parameter ACC_W = 24   // accumulator width; saturates
) (
    // clock and synchronous active-low reset
    input  wire              clk,
    input  wire              rst_n,
    // one step: SIMD int8 activations and weights; first/last delimit a neuron; bias sampled with first
    input  wire              in_valid,
    input  wire              in_first,
    input  wire              in_last,
    input  wire [SIMD*8-1:0] in_x,
    input  wire [SIMD*8-1:0] in_w,
    input  wire [ACC_W-1:0]  in_bias,
    // b + sum w*x after the neuron's last step
    output reg               out_valid,
    output reg  [ACC_W-1:0]  out_acc
);
    localparam TREE_LEVELS = $clog2(SIMD);
    localparam SUM_W       = 16 + TREE_LEVELS;
    localparam TAG_W       = 3 + ACC_W;

    generate
        if (SUM_W > ACC_W) begin : g_bad_width
            initial $error("tnet_mac_pe: ACC_W must hold one step's sum (16 + log2(SIMD) bits)");
        end
    endgenerate

    wire [SIMD*16-1:0] prod_c;
    reg  [SIMD*16-1:0] prod;
    reg  [TAG_W-1:0]   tag1;
    genvar s;
    generate
        for (s = 0; s < SIMD; s = s + 1) begin : lane
            tnet_mac_lane u (.x(in_x[s*8 +: 8]), .w(in_w[s*8 +: 8]), .prod(prod_c[s*16 +: 16]));
        end
    endgenerate
    always @(posedge clk) begin
        prod <= prod_c;
        tag1 <= {in_valid & rst_n, in_first, in_last, in_bias};
    end

    wire [SUM_W-1:0] sum;
    wire [TAG_W-1:0] tag2;
    tnet_adder_tree #(.N(SIMD), .W(16), .TAG_W(TAG_W)) tree (
        .clk(clk), .in_data(prod), .in_tag(tag1), .sum(sum), .out_tag(tag2)
    );

    wire             t_valid = tag2[TAG_W-1];
    wire             t_first = tag2[TAG_W-2];
    wire             t_last  = tag2[TAG_W-3];
    wire [ACC_W-1:0] t_bias  = tag2[ACC_W-1:0];

    reg  [ACC_W-1:0] acc;
    wire [ACC_W-1:0] base   = t_first ? t_bias : acc;
    wire [ACC_W:0]   next_x = {base[ACC_W-1], base} + {{(ACC_W + 1 - SUM_W){sum[SUM_W-1]}}, sum};
    wire             over   = next_x[ACC_W] != next_x[ACC_W-1];
    wire [ACC_W-1:0] next   = over ? {next_x[ACC_W], {(ACC_W-1){~next_x[ACC_W]}}} : next_x[ACC_W-1:0];

    always @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            acc <= {ACC_W{1'b0}};
            out_acc <= {ACC_W{1'b0}};
        end else begin
            out_valid <= t_valid & t_last;
            if (t_valid) acc <= next;
            if (t_valid & t_last) out_acc <= next;
        end
    end
endmodule

`default_nettype wire
