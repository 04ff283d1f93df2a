// SPDX-License-Identifier: Apache-2.0
// tb_tnet_requant: self-checking bench; compares tnet_requant with IntegerOps.requantize semantics.
`default_nettype none
`timescale 1ns / 1ps

module tb_tnet_requant;
    parameter ACC_W = 24;
    parameter SEED  = 1;

    reg              clk = 1'b0;
    reg              in_valid = 1'b0;
    reg [ACC_W-1:0]  in_acc = 0;
    reg [5:0]        in_k = 0;
    wire             out_valid;
    wire [7:0]       out_y;

    tnet_requant #(.ACC_W(ACC_W)) dut (
        .clk(clk), .in_valid(in_valid), .in_acc(in_acc), .in_k(in_k), .out_valid(out_valid), .out_y(out_y)
    );

    always #5 clk = ~clk;

    // reference: y = sat8(acc * 2^k), right shifts (acc + 2^(r-1)) >> r
    function signed [7:0] reference;
        input signed [63:0] acc;
        input integer       k;
        reg   signed [63:0] v;
        begin
            if (k >= 0) v = acc <<< k;
            else v = (acc + (64'sd1 <<< (-k - 1))) >>> (-k);
            if (v > 127) reference = 8'sd127;
            else if (v < -128) reference = -8'sd128;
            else reference = v[7:0];
        end
    endfunction

    integer seed, i, k, errors, checks;
    reg signed [63:0] a;
    reg signed [7:0]  expected;
    initial begin
        seed = SEED;
        errors = 0;
        checks = 0;
        for (i = 0; i < 4000; i = i + 1) begin
            case (i % 8)
                0: a = 0;
                1: a = -(64'sd1 <<< (ACC_W - 1));                // most negative
                2: a = (64'sd1 <<< (ACC_W - 1)) - 1;             // most positive
                3: a = $random(seed) % 300;                      // near the int8 range
                default: a = $random(seed) % (64'sd1 <<< (ACC_W - 1));
            endcase
            k = (i / 8) % 63 - 31;
            if (i % 16 == 5) a = (($random(seed) % 64) <<< 4) + 8; // exact halves for r = 4
            if (i % 16 == 5) k = -4;
            @(negedge clk);
            in_valid = 1'b1;
            in_acc = a[ACC_W-1:0];
            in_k = k[5:0];
            expected = reference(a, k);
            @(posedge clk);
            #1;
            checks = checks + 1;
            if (out_valid !== 1'b1 || out_y !== expected) begin
                errors = errors + 1;
                if (errors < 10) $display("MISMATCH acc=%0d k=%0d got %0d expected %0d", a, k, $signed(out_y), expected);
            end
        end
        if (errors == 0) $display("PASS tb_tnet_requant ACC_W=%0d checks=%0d", ACC_W, checks);
        else $display("FAIL tb_tnet_requant errors=%0d of %0d", errors, checks);
        $finish;
    end
endmodule

`default_nettype wire
