// SPDX-License-Identifier: Apache-2.0
// tnet_ram: on-card buffer of wide words; 32-bit host port (AXI side) plus a wide engine read port and write port.
`default_nettype none

module tnet_ram #(
    parameter WORD_BYTES    = 32,  // bytes per word, a power of two >= 4
    parameter WORDS         = 1024,
    parameter HOST_WRITES   = 1,   // 1: the host port writes (engine only reads); 0: the engine writes
    parameter ADDR_W        = 10   // word-address width, >= clog2(WORDS)
) (
    // clock
    input  wire                    clk,
    // host port: one 32-bit lane of a word, byte enables, registered read data
    input  wire                    h_en,
    input  wire                    h_we,
    input  wire [3:0]              h_be,
    input  wire [ADDR_W-1:0]       h_word,
    input  wire [LANE_W-1:0]       h_lane,
    input  wire [31:0]             h_wdata,
    output reg  [31:0]             h_rdata,
    // engine read port: a whole word, registered
    input  wire                    e_re,
    input  wire [ADDR_W-1:0]       e_raddr,
    output reg  [WORD_BYTES*8-1:0] e_rdata,
    // engine write port: a whole word with byte enables
    input  wire                    e_we,
    input  wire [ADDR_W-1:0]       e_waddr,
    input  wire [WORD_BYTES-1:0]   e_be,
    input  wire [WORD_BYTES*8-1:0] e_wdata
);
    localparam LANES  = WORD_BYTES / 4;
    localparam LANE_W = LANES > 1 ? $clog2(LANES) : 1;

    generate
        if (WORD_BYTES < 4 || (WORD_BYTES & (WORD_BYTES - 1)) != 0) begin : g_bad_word
            initial $error("tnet_ram: WORD_BYTES must be a power of two >= 4");
        end
        if ((1 << ADDR_W) < WORDS) begin : g_bad_addr
            initial $error("tnet_ram: ADDR_W too small for WORDS");
        end
    endgenerate

    reg [WORD_BYTES*8-1:0] mem [0:WORDS-1];

    wire [LANE_W-1:0] lane = LANES > 1 ? h_lane : {LANE_W{1'b0}};
    integer b;
    always @(posedge clk) begin
        if (HOST_WRITES != 0) begin
            if (h_en && h_we) begin
                for (b = 0; b < 4; b = b + 1) begin
                    if (h_be[b]) mem[h_word][lane*32 + b*8 +: 8] <= h_wdata[b*8 +: 8];
                end
            end
        end else begin
            if (e_we) begin
                for (b = 0; b < WORD_BYTES; b = b + 1) begin
                    if (e_be[b]) mem[e_waddr][b*8 +: 8] <= e_wdata[b*8 +: 8];
                end
            end
        end
        if (h_en && !h_we) begin
            h_rdata <= mem[h_word][lane*32 +: 32];
        end
        if (e_re) begin
            e_rdata <= mem[e_raddr];
        end
    end
endmodule

`default_nettype wire
