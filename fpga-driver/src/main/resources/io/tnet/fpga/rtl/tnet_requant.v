// SPDX-License-Identifier: Apache-2.0
// tnet_requant: int8 requantization y = sat8(acc * 2^k), right shifts rounding half up (IntegerOps.requantize).
`default_nettype none

module tnet_requant #(
    parameter ACC_W = 24  // accumulator width (two's complement), 16..32
) (
    // clock
    input  wire             clk,
    // accumulator and power-of-two exponent k in [-31, 31]
    input  wire             in_valid,
    input  wire [ACC_W-1:0] in_acc,
    input  wire [5:0]       in_k,
    // int8 result, one cycle later
    output reg              out_valid,
    output reg  [7:0]       out_y
);
    generate
        if (ACC_W < 16 || ACC_W > 32) begin : g_bad_acc
            initial $error("tnet_requant: ACC_W must lie in [16, 32]");
        end
    endgenerate

    wire signed [ACC_W-1:0] acc = in_acc;
    wire signed [5:0]       k   = in_k;
    wire [5:0]              r   = 6'd0 - in_k;   // right-shift distance when k < 0

    // Right shift, r in [1, 31]: (acc + 2^(r-1)) >>> r in ACC_W+1 bits. For r >= ACC_W the result is
    // 0 for every representable acc, so the shifter only needs distances below ACC_W.
    wire signed [ACC_W:0] acc_x = {acc[ACC_W-1], acc};
    wire signed [ACC_W:0] half  = (r >= ACC_W) ? {(ACC_W+1){1'b0}} : ({{ACC_W{1'b0}}, 1'b1} << (r - 6'd1));
    wire signed [ACC_W:0] rounded = acc_x + half;
    wire signed [ACC_W:0] arith   = rounded >>> r;  // kept apart: a ?: with an unsigned arm would make it logical
    wire signed [ACC_W:0] shifted = (r >= ACC_W) ? {(ACC_W+1){1'b0}} : arith;

    // Left shift, k in [0, 7] exact in ACC_W+8 bits; k >= 8 saturates every non-zero acc.
    wire signed [ACC_W+7:0] left = {{8{acc[ACC_W-1]}}, acc} <<< k[2:0];

    // saturation of both results to int8
    function [7:0] sat8_r;
        input signed [ACC_W:0] v;
        begin
            if (v > $signed({{(ACC_W-7){1'b0}}, 8'sd127})) sat8_r = 8'h7F;
            else if (v < -$signed({{(ACC_W-7){1'b0}}, 8'd128})) sat8_r = 8'h80;
            else sat8_r = v[7:0];
        end
    endfunction

    function [7:0] sat8_l;
        input signed [ACC_W+7:0] v;
        begin
            if (v > $signed({{(ACC_W){1'b0}}, 8'sd127})) sat8_l = 8'h7F;
            else if (v < -$signed({{(ACC_W){1'b0}}, 8'd128})) sat8_l = 8'h80;
            else sat8_l = v[7:0];
        end
    endfunction

    reg [7:0] y;
    always @* begin
        if (k < 0) begin
            y = sat8_r(shifted);
        end else if (k >= 6'sd8) begin
            y = (acc == 0) ? 8'h00 : (acc[ACC_W-1] ? 8'h80 : 8'h7F);
        end else begin
            y = sat8_l(left);
        end
    end

    always @(posedge clk) begin
        out_valid <= in_valid;
        out_y     <= y;
    end
endmodule

`default_nettype wire
