// SPDX-License-Identifier: Apache-2.0
// tnet_axi_mem: AXI4 memory-mapped slave (32-bit, INCR bursts) turned into the core's one-access-per-cycle buffer bus.
`default_nettype none

module tnet_axi_mem #(
    parameter AW   = 20,  // byte-address width
    parameter ID_W = 4    // AXI ID width
) (
    // clock and synchronous active-low reset
    input  wire            clk,
    input  wire            rst_n,
    // AXI4 slave: write address, data, response
    input  wire [ID_W-1:0] s_axi_mem_awid,
    input  wire [AW-1:0]   s_axi_mem_awaddr,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [7:0]      s_axi_mem_awlen,    // the burst ends at wlast
    input  wire [2:0]      s_axi_mem_awsize,   // must be 2 (4 bytes); bursts are treated as INCR
    input  wire [1:0]      s_axi_mem_awburst,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire            s_axi_mem_awvalid,
    output wire            s_axi_mem_awready,
    input  wire [31:0]     s_axi_mem_wdata,
    input  wire [3:0]      s_axi_mem_wstrb,
    input  wire            s_axi_mem_wlast,
    input  wire            s_axi_mem_wvalid,
    output wire            s_axi_mem_wready,
    output reg  [ID_W-1:0] s_axi_mem_bid,
    output wire [1:0]      s_axi_mem_bresp,
    output wire            s_axi_mem_bvalid,
    input  wire            s_axi_mem_bready,
    // AXI4 slave: read address and data
    input  wire [ID_W-1:0] s_axi_mem_arid,
    input  wire [AW-1:0]   s_axi_mem_araddr,
    input  wire [7:0]      s_axi_mem_arlen,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [2:0]      s_axi_mem_arsize,
    input  wire [1:0]      s_axi_mem_arburst,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire            s_axi_mem_arvalid,
    output wire            s_axi_mem_arready,
    output reg  [ID_W-1:0] s_axi_mem_rid,
    output reg  [31:0]     s_axi_mem_rdata,
    output wire [1:0]      s_axi_mem_rresp,
    output wire            s_axi_mem_rlast,
    output wire            s_axi_mem_rvalid,
    input  wire            s_axi_mem_rready,
    // buffer bus to the core
    output wire            h_wr,
    output wire            h_rd,
    output wire [AW-1:0]   h_addr,
    output wire [31:0]     h_wdata,
    output wire [3:0]      h_wstrb,
    input  wire            h_miss,
    input  wire [31:0]     h_rdata
);
    localparam [1:0] W_IDLE = 2'd0, W_DATA = 2'd1, W_RESP = 2'd2;
    localparam [1:0] R_IDLE = 2'd0, R_ISSUE = 2'd1, R_WAIT = 2'd2, R_DATA = 2'd3;

    reg [1:0]    ws, rs;
    reg [AW-1:0] waddr, raddr;
    reg [7:0]    rleft;
    reg          werr, rerr;

    assign s_axi_mem_awready = ws == W_IDLE;
    assign s_axi_mem_wready  = ws == W_DATA;
    assign s_axi_mem_bvalid  = ws == W_RESP;
    assign s_axi_mem_bresp   = werr ? 2'b10 : 2'b00;
    assign s_axi_mem_arready = rs == R_IDLE;
    assign s_axi_mem_rvalid  = rs == R_DATA;
    assign s_axi_mem_rresp   = rerr ? 2'b10 : 2'b00;
    assign s_axi_mem_rlast   = rs == R_DATA && rleft == 8'd0;

    // writes win the shared bus; a read beat waits a cycle
    assign h_wr    = ws == W_DATA && s_axi_mem_wvalid;
    assign h_rd    = rs == R_ISSUE && !h_wr;
    assign h_addr  = h_wr ? waddr : raddr;
    assign h_wdata = s_axi_mem_wdata;
    assign h_wstrb = s_axi_mem_wstrb;

    always @(posedge clk) begin
        if (!rst_n) begin
            ws <= W_IDLE;
            rs <= R_IDLE;
            werr <= 1'b0;
            rerr <= 1'b0;
        end else begin
            case (ws)
                W_IDLE: if (s_axi_mem_awvalid) begin
                    waddr <= s_axi_mem_awaddr;
                    s_axi_mem_bid <= s_axi_mem_awid;
                    werr <= 1'b0;
                    ws <= W_DATA;
                end
                W_DATA: if (s_axi_mem_wvalid) begin
                    werr <= werr | h_miss;
                    waddr <= waddr + 4;
                    if (s_axi_mem_wlast) ws <= W_RESP;
                end
                W_RESP: if (s_axi_mem_bready) ws <= W_IDLE;
                default: ws <= W_IDLE;
            endcase
            case (rs)
                R_IDLE: if (s_axi_mem_arvalid) begin
                    raddr <= s_axi_mem_araddr;
                    rleft <= s_axi_mem_arlen;
                    s_axi_mem_rid <= s_axi_mem_arid;
                    rs <= R_ISSUE;
                end
                R_ISSUE: if (h_rd) begin
                    rerr <= h_miss;
                    rs <= R_WAIT;
                end
                R_WAIT: begin
                    s_axi_mem_rdata <= h_rdata;
                    rs <= R_DATA;
                end
                R_DATA: if (s_axi_mem_rready) begin
                    if (rleft == 8'd0) begin
                        rs <= R_IDLE;
                    end else begin
                        rleft <= rleft - 8'd1;
                        raddr <= raddr + 4;
                        rs <= R_ISSUE;
                    end
                end
                default: rs <= R_IDLE;
            endcase
        end
    end
endmodule

`default_nettype wire
