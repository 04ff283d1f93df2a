// SPDX-License-Identifier: Apache-2.0
// tnet_lane: one threshold synapse, s * max(x - theta, 0): a subtraction, a clamp and a conditional negation.
`default_nettype none

module tnet_lane (
    // int8 activation and threshold
    input  wire [7:0] x,
    input  wire [7:0] theta,
    // sign code: 00 = 0, 01 = +1, 11 = -1 (10 acts as 0)
    input  wire [1:0] code,
    // term in [-255, 255], two's complement
    output reg  [8:0] term
);
    wire [8:0] d = {x[7], x} - {theta[7], theta};
    always @* begin
        if (d[8]) begin
            term = 9'd0;
        end else if (code == 2'b01) begin
            term = d;
        end else if (code == 2'b11) begin
            term = 9'd0 - d;
        end else begin
            term = 9'd0;
        end
    end
endmodule

`default_nettype wire
