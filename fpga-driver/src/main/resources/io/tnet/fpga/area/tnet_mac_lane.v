// SPDX-License-Identifier: Apache-2.0
// tnet_mac_lane: one multiply-accumulate synapse, w * x (int8 x int8), the area reference for tnet_lane.
`default_nettype none

module tnet_mac_lane (
    input  wire [7:0]  x,      // int8 activation
    input  wire [7:0]  w,      // int8 weight
    output wire [15:0] prod    // int16 product
);
    assign prod = $signed(x) * $signed(w);
endmodule

`default_nettype wire
