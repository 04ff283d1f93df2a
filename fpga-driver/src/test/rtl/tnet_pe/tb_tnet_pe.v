// SPDX-License-Identifier: Apache-2.0
// tb_tnet_pe: self-checking bench; random neurons (1-6 steps, bubbles between steps) against a behavioural model.
`default_nettype none
`timescale 1ns / 1ps

module tb_tnet_pe;
    parameter SIMD  = 8;
    parameter ACC_W = 24;
    parameter SEED  = 3;
    localparam NEURONS = 300;

    reg                 clk = 1'b0;
    reg                 rst_n = 1'b0;
    reg                 in_valid = 1'b0, in_first = 1'b0, in_last = 1'b0;
    reg  [SIMD*8-1:0]   in_x = 0, in_theta = 0;
    reg  [SIMD*2-1:0]   in_sign = 0;
    reg  [ACC_W-1:0]    in_bias = 0;
    wire                out_valid, out_overflow;
    wire [ACC_W-1:0]    out_acc;

    tnet_pe #(.SIMD(SIMD), .ACC_W(ACC_W)) dut (
        .clk(clk), .rst_n(rst_n), .in_valid(in_valid), .in_first(in_first), .in_last(in_last), .in_x(in_x),
        .in_theta(in_theta), .in_sign(in_sign), .in_bias(in_bias), .out_valid(out_valid), .out_acc(out_acc),
        .out_overflow(out_overflow)
    );

    always #5 clk = ~clk;

    reg signed [63:0] exp_acc [0:NEURONS-1];
    reg               exp_ovf [0:NEURONS-1];
    integer received, errors;

    // checker: outputs arrive in neuron order
    always @(posedge clk) begin
        if (rst_n && out_valid) begin
            if ($signed(out_acc) !== exp_acc[received] || out_overflow !== exp_ovf[received]) begin
                errors = errors + 1;
                if (errors < 10) $display("MISMATCH neuron %0d: got %0d ovf %0d expected %0d ovf %0d", received,
                                           $signed(out_acc), out_overflow, exp_acc[received], exp_ovf[received]);
            end
            received = received + 1;
        end
    end

    integer seed, n, st, steps, s, mode;
    reg signed [63:0] acc, lo, hi, term, d;
    reg               ovf;
    reg signed [7:0]  xv, tv;
    reg        [1:0]  code;
    initial begin
        seed = SEED;
        errors = 0;
        received = 0;
        lo = -(64'sd1 <<< (ACC_W - 1));
        hi = (64'sd1 <<< (ACC_W - 1)) - 1;
        repeat (SIMD + 4) @(negedge clk);
        rst_n = 1'b1;
        for (n = 0; n < NEURONS; n = n + 1) begin
            steps = 1 + ($random(seed) & 32'h7fffffff) % 6;
            mode = n % 10;                                  // 9: drive towards saturation
            acc = (mode == 9) ? hi - 100 : $signed($random(seed)) % 5000;
            if (mode == 9 && n % 20 == 9) acc = lo + 100;
            ovf = 1'b0;
            for (st = 0; st < steps; st = st + 1) begin
                @(negedge clk);
                in_valid = 1'b1;
                in_first = st == 0;
                in_last = st == steps - 1;
                in_bias = acc[ACC_W-1:0];
                for (s = 0; s < SIMD; s = s + 1) begin
                    xv = $random(seed);
                    tv = $random(seed);
                    code = $random(seed);
                    if (mode == 9) begin
                        xv = 8'sd127; tv = -8'sd128; code = acc > 0 ? 2'b01 : 2'b11;
                    end
                    in_x[s*8 +: 8] = xv;
                    in_theta[s*8 +: 8] = tv;
                    in_sign[s*2 +: 2] = code;
                end
                // the PE saturates once per step on the step's total
                d = 0;
                for (s = 0; s < SIMD; s = s + 1) begin
                    xv = in_x[s*8 +: 8];
                    tv = in_theta[s*8 +: 8];
                    code = in_sign[s*2 +: 2];
                    term = xv - tv;
                    if (term < 0) term = 0;
                    d = d + (code == 2'b01 ? term : (code == 2'b11 ? -term : 0));
                end
                acc = acc + d;
                if (acc > hi) begin acc = hi; ovf = 1'b1; end
                if (acc < lo) begin acc = lo; ovf = 1'b1; end
                // a bubble now and then
                if (($random(seed) & 3) == 0) begin
                    @(negedge clk);
                    in_valid = 1'b0;
                    in_first = 1'b1;
                    in_last = 1'b1;
                end
            end
            exp_acc[n] = acc;
            exp_ovf[n] = ovf;
        end
        @(negedge clk);
        in_valid = 1'b0;
        repeat (SIMD + 8) @(negedge clk);
        if (received != NEURONS) begin
            errors = errors + 1;
            $display("FAIL: received %0d of %0d neurons", received, NEURONS);
        end
        if (errors == 0) $display("PASS tb_tnet_pe SIMD=%0d ACC_W=%0d neurons=%0d", SIMD, ACC_W, NEURONS);
        else $display("FAIL tb_tnet_pe errors=%0d", errors);
        $finish;
    end
endmodule

`default_nettype wire
