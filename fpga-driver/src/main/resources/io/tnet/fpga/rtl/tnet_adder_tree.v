// SPDX-License-Identifier: Apache-2.0
// tnet_adder_tree: pipelined balanced adder tree, one register per level, with a delayed sideband tag.
`default_nettype none

module tnet_adder_tree #(
    parameter N     = 32,  // number of operands, a power of two >= 2
    parameter W     = 9,   // operand width (two's complement)
    parameter TAG_W = 1    // sideband bits delayed with the sum (valid, flags, ...)
) (
    // clock
    input  wire                       clk,
    // operands, operand k in bits [k*W +: W]
    input  wire [N*W-1:0]             in_data,
    input  wire [TAG_W-1:0]           in_tag,
    // sum of all operands, LEVELS = log2(N) cycles later
    output wire [W+$clog2(N)-1:0]     sum,
    output wire [TAG_W-1:0]           out_tag
);
    localparam LEVELS = $clog2(N);

    generate
        if (N < 2 || (N & (N - 1)) != 0) begin : g_bad_n
            initial $error("tnet_adder_tree: N must be a power of two >= 2");
        end
    endgenerate

    genvar lv, k;
    generate
        for (lv = 0; lv <= LEVELS; lv = lv + 1) begin : level
            wire [(N >> lv) * (W + lv) - 1:0] v;
            wire [TAG_W-1:0]                  t;
            if (lv == 0) begin : g_leaf
                assign v = in_data;
                assign t = in_tag;
            end else begin : g_node
                reg [(N >> lv) * (W + lv) - 1:0] r;
                reg [TAG_W-1:0]                  rt;
                for (k = 0; k < (N >> lv); k = k + 1) begin : add
                    wire signed [W+lv-2:0] a = level[lv-1].v[(2*k)   * (W+lv-1) +: (W+lv-1)];
                    wire signed [W+lv-2:0] b = level[lv-1].v[(2*k+1) * (W+lv-1) +: (W+lv-1)];
                    always @(posedge clk) begin
                        r[k * (W+lv) +: (W+lv)] <= {a[W+lv-2], a} + {b[W+lv-2], b};
                    end
                end
                always @(posedge clk) begin
                    rt <= level[lv-1].t;
                end
                assign v = r;
                assign t = rt;
            end
        end
    endgenerate

    assign sum     = level[LEVELS].v;
    assign out_tag = level[LEVELS].t;
endmodule

`default_nettype wire
