// SPDX-License-Identifier: Apache-2.0
// tb_tnet_adder_tree: self-checking bench; a stream of random operand vectors, sums checked after the pipeline latency.
`default_nettype none
`timescale 1ns / 1ps

module tb_tnet_adder_tree;
    parameter N    = 8;
    parameter W    = 9;
    parameter SEED = 2;
    localparam LEVELS = $clog2(N);
    localparam SW = W + LEVELS;
    localparam STEPS = 500;

    reg                clk = 1'b0;
    reg  [N*W-1:0]     in_data = 0;
    reg  [15:0]        in_tag = 0;
    wire [SW-1:0]      sum;
    wire [15:0]        out_tag;

    tnet_adder_tree #(.N(N), .W(W), .TAG_W(16)) dut (
        .clk(clk), .in_data(in_data), .in_tag(in_tag), .sum(sum), .out_tag(out_tag)
    );

    always #5 clk = ~clk;

    reg signed [31:0] expected [0:STEPS-1];
    integer seed, t, j, errors, checks;
    reg signed [31:0] acc, v;
    initial begin
        seed = SEED;
        errors = 0;
        checks = 0;
        for (t = 0; t < STEPS + LEVELS; t = t + 1) begin
            @(negedge clk);
            // the vector presented LEVELS clock edges ago has reached the output
            if (t >= LEVELS) begin
                checks = checks + 1;
                if ($signed(sum) !== expected[t - LEVELS] || out_tag !== (t - LEVELS)) begin
                    errors = errors + 1;
                    if (errors < 10) $display("MISMATCH step %0d: got %0d expected %0d", t - LEVELS, $signed(sum),
                                               expected[t - LEVELS]);
                end
            end
            if (t < STEPS) begin
                acc = 0;
                for (j = 0; j < N; j = j + 1) begin
                    case (t % 3)
                        0: v = $random(seed) % (1 << (W - 1));
                        1: v = -(1 << (W - 1));                 // all operands most negative
                        default: v = (1 << (W - 1)) - 1;        // all operands most positive
                    endcase
                    if (t % 3 == 2 && t % 7 == 0 && j % 2 == 1) v = -v;  // mixed signs that cancel
                    in_data[j*W +: W] = v[W-1:0];
                    acc = acc + v;
                end
                expected[t] = acc;
                in_tag = t[15:0];
            end
        end
        if (errors == 0) $display("PASS tb_tnet_adder_tree N=%0d W=%0d checks=%0d", N, W, checks);
        else $display("FAIL tb_tnet_adder_tree errors=%0d of %0d", errors, checks);
        $finish;
    end
endmodule

`default_nettype wire
