// SPDX-License-Identifier: Apache-2.0
// tnet_accel: generated top level of the threshold-network accelerator (@CONFIG_SUMMARY@).
// Rendered from a template by io.tnet.fpga.gen; manifest SHA-256 @MANIFEST_SHA256@.
`default_nettype none

module tnet_accel #(
    parameter PE          = @PE@,
    parameter SIMD        = @SIMD@,
    parameter ACC_W       = @ACC_W@,
    parameter MAX_IN      = @MAX_IN@,
    parameter MAX_OUT     = @MAX_OUT@,
    parameter MAX_LAYERS  = @MAX_LAYERS@,
    parameter PARAM_WORDS = @PARAM_WORDS@,
    parameter BIAS_WORDS  = @BIAS_WORDS@,
    parameter IN_WORDS    = @IN_WORDS@,
    parameter OUT_WORDS   = @OUT_WORDS@,
    parameter ACT_WORDS   = @ACT_WORDS@,
    parameter AW          = @AW@,
    parameter ID_W        = 4
) (
    // clock and synchronous active-low reset
    input  wire            ap_clk,
    input  wire            ap_rst_n,
    // AXI4-Lite control slave
    input  wire [7:0]      s_axi_ctrl_awaddr,
    input  wire            s_axi_ctrl_awvalid,
    output wire            s_axi_ctrl_awready,
    input  wire [31:0]     s_axi_ctrl_wdata,
    input  wire [3:0]      s_axi_ctrl_wstrb,
    input  wire            s_axi_ctrl_wvalid,
    output wire            s_axi_ctrl_wready,
    output wire [1:0]      s_axi_ctrl_bresp,
    output wire            s_axi_ctrl_bvalid,
    input  wire            s_axi_ctrl_bready,
    input  wire [7:0]      s_axi_ctrl_araddr,
    input  wire            s_axi_ctrl_arvalid,
    output wire            s_axi_ctrl_arready,
    output wire [31:0]     s_axi_ctrl_rdata,
    output wire [1:0]      s_axi_ctrl_rresp,
    output wire            s_axi_ctrl_rvalid,
    input  wire            s_axi_ctrl_rready,
    // AXI4 memory-mapped slave into the on-card buffers
    input  wire [ID_W-1:0] s_axi_mem_awid,
    input  wire [AW-1:0]   s_axi_mem_awaddr,
    input  wire [7:0]      s_axi_mem_awlen,
    input  wire [2:0]      s_axi_mem_awsize,
    input  wire [1:0]      s_axi_mem_awburst,
    input  wire            s_axi_mem_awvalid,
    output wire            s_axi_mem_awready,
    input  wire [31:0]     s_axi_mem_wdata,
    input  wire [3:0]      s_axi_mem_wstrb,
    input  wire            s_axi_mem_wlast,
    input  wire            s_axi_mem_wvalid,
    output wire            s_axi_mem_wready,
    output wire [ID_W-1:0] s_axi_mem_bid,
    output wire [1:0]      s_axi_mem_bresp,
    output wire            s_axi_mem_bvalid,
    input  wire            s_axi_mem_bready,
    input  wire [ID_W-1:0] s_axi_mem_arid,
    input  wire [AW-1:0]   s_axi_mem_araddr,
    input  wire [7:0]      s_axi_mem_arlen,
    input  wire [2:0]      s_axi_mem_arsize,
    input  wire [1:0]      s_axi_mem_arburst,
    input  wire            s_axi_mem_arvalid,
    output wire            s_axi_mem_arready,
    output wire [ID_W-1:0] s_axi_mem_rid,
    output wire [31:0]     s_axi_mem_rdata,
    output wire [1:0]      s_axi_mem_rresp,
    output wire            s_axi_mem_rlast,
    output wire            s_axi_mem_rvalid,
    input  wire            s_axi_mem_rready,
    // level interrupt (GIE & ISR)
    /* verilator lint_off SYMRSVDWORD */
    output wire            interrupt
    /* verilator lint_on SYMRSVDWORD */
);
    // memory map (bases and log2 windows) and identification, fixed by the generator
    localparam [31:0] DESC_BASE = 32'h@DESC_BASE@, THR_BASE = 32'h@THR_BASE@, SGN_BASE = 32'h@SGN_BASE@,
                      BIAS_BASE = 32'h@BIAS_BASE@, IN_BASE = 32'h@IN_BASE@, OUT_BASE = 32'h@OUT_BASE@;
    localparam DESC_BITS = @DESC_BITS@, THR_BITS = @THR_BITS@, SGN_BITS = @SGN_BITS@, BIAS_BITS = @BIAS_BITS@,
               IN_BITS = @IN_BITS@, OUT_BITS = @OUT_BITS@;
    localparam [31:0] DESC_SIZE = @DESC_SIZE@, THR_SIZE = @THR_SIZE@, SGN_SIZE = @SGN_SIZE@, BIAS_SIZE = @BIAS_SIZE@,
                      IN_SIZE = @IN_SIZE@, OUT_SIZE = @OUT_SIZE@;
    localparam [31:0] CAPS = 32'h@CAPS@;
    localparam [31:0] MANIFEST_HASH = 32'h@MANIFEST_HASH@;
    localparam [31:0] CLOCK_MHZ = @CLOCK_MHZ@;

    wire        start, busy, done;
    wire [15:0] num_layers, batch;
    wire [7:0]  error_code;
    wire [31:0] error_info;
    wire [63:0] cycles, ops;
    wire        h_wr, h_rd, h_miss;
    wire [AW-1:0] h_addr;
    wire [31:0] h_wdata, h_rdata;
    wire [3:0]  h_wstrb;

    tnet_axil_ctrl #(
        .CAPS(CAPS), .MANIFEST_HASH(MANIFEST_HASH), .MAX_INPUTS(MAX_IN), .MAX_OUTPUTS(MAX_OUT),
        .MAX_LAYERS(MAX_LAYERS), .CLOCK_MHZ(CLOCK_MHZ),
        .DESC_BASE(DESC_BASE), .DESC_SIZE(DESC_SIZE), .THR_BASE(THR_BASE), .THR_SIZE(THR_SIZE),
        .SGN_BASE(SGN_BASE), .SGN_SIZE(SGN_SIZE), .BIAS_BASE(BIAS_BASE), .BIAS_SIZE(BIAS_SIZE),
        .IN_BASE(IN_BASE), .IN_SIZE(IN_SIZE), .OUT_BASE(OUT_BASE), .OUT_SIZE(OUT_SIZE)
    ) ctrl (
        .clk(ap_clk), .rst_n(ap_rst_n),
        .s_axi_ctrl_awaddr(s_axi_ctrl_awaddr), .s_axi_ctrl_awvalid(s_axi_ctrl_awvalid),
        .s_axi_ctrl_awready(s_axi_ctrl_awready), .s_axi_ctrl_wdata(s_axi_ctrl_wdata),
        .s_axi_ctrl_wstrb(s_axi_ctrl_wstrb), .s_axi_ctrl_wvalid(s_axi_ctrl_wvalid),
        .s_axi_ctrl_wready(s_axi_ctrl_wready), .s_axi_ctrl_bresp(s_axi_ctrl_bresp),
        .s_axi_ctrl_bvalid(s_axi_ctrl_bvalid), .s_axi_ctrl_bready(s_axi_ctrl_bready),
        .s_axi_ctrl_araddr(s_axi_ctrl_araddr), .s_axi_ctrl_arvalid(s_axi_ctrl_arvalid),
        .s_axi_ctrl_arready(s_axi_ctrl_arready), .s_axi_ctrl_rdata(s_axi_ctrl_rdata),
        .s_axi_ctrl_rresp(s_axi_ctrl_rresp), .s_axi_ctrl_rvalid(s_axi_ctrl_rvalid),
        .s_axi_ctrl_rready(s_axi_ctrl_rready),
        .core_start(start), .num_layers(num_layers), .batch(batch), .core_busy(busy), .core_done(done),
        .core_error(error_code), .core_error_info(error_info), .core_cycles(cycles), .core_ops(ops),
        .interrupt(interrupt)
    );

    tnet_axi_mem #(.AW(AW), .ID_W(ID_W)) mem (
        .clk(ap_clk), .rst_n(ap_rst_n),
        .s_axi_mem_awid(s_axi_mem_awid), .s_axi_mem_awaddr(s_axi_mem_awaddr), .s_axi_mem_awlen(s_axi_mem_awlen),
        .s_axi_mem_awsize(s_axi_mem_awsize), .s_axi_mem_awburst(s_axi_mem_awburst),
        .s_axi_mem_awvalid(s_axi_mem_awvalid), .s_axi_mem_awready(s_axi_mem_awready),
        .s_axi_mem_wdata(s_axi_mem_wdata), .s_axi_mem_wstrb(s_axi_mem_wstrb), .s_axi_mem_wlast(s_axi_mem_wlast),
        .s_axi_mem_wvalid(s_axi_mem_wvalid), .s_axi_mem_wready(s_axi_mem_wready),
        .s_axi_mem_bid(s_axi_mem_bid), .s_axi_mem_bresp(s_axi_mem_bresp), .s_axi_mem_bvalid(s_axi_mem_bvalid),
        .s_axi_mem_bready(s_axi_mem_bready),
        .s_axi_mem_arid(s_axi_mem_arid), .s_axi_mem_araddr(s_axi_mem_araddr), .s_axi_mem_arlen(s_axi_mem_arlen),
        .s_axi_mem_arsize(s_axi_mem_arsize), .s_axi_mem_arburst(s_axi_mem_arburst),
        .s_axi_mem_arvalid(s_axi_mem_arvalid), .s_axi_mem_arready(s_axi_mem_arready),
        .s_axi_mem_rid(s_axi_mem_rid), .s_axi_mem_rdata(s_axi_mem_rdata), .s_axi_mem_rresp(s_axi_mem_rresp),
        .s_axi_mem_rlast(s_axi_mem_rlast), .s_axi_mem_rvalid(s_axi_mem_rvalid), .s_axi_mem_rready(s_axi_mem_rready),
        .h_wr(h_wr), .h_rd(h_rd), .h_addr(h_addr), .h_wdata(h_wdata), .h_wstrb(h_wstrb), .h_miss(h_miss),
        .h_rdata(h_rdata)
    );

    tnet_core #(
        .PE(PE), .SIMD(SIMD), .ACC_W(ACC_W), .MAX_IN(MAX_IN), .MAX_OUT(MAX_OUT), .MAX_LAYERS(MAX_LAYERS),
        .PARAM_WORDS(PARAM_WORDS), .BIAS_WORDS(BIAS_WORDS), .IN_WORDS(IN_WORDS), .OUT_WORDS(OUT_WORDS),
        .ACT_WORDS(ACT_WORDS), .AW(AW),
        .DESC_BASE(DESC_BASE), .DESC_BITS(DESC_BITS), .THR_BASE(THR_BASE), .THR_BITS(THR_BITS),
        .SGN_BASE(SGN_BASE), .SGN_BITS(SGN_BITS), .BIAS_BASE(BIAS_BASE), .BIAS_BITS(BIAS_BITS),
        .IN_BASE(IN_BASE), .IN_BITS(IN_BITS), .OUT_BASE(OUT_BASE), .OUT_BITS(OUT_BITS)
    ) core (
        .clk(ap_clk), .rst_n(ap_rst_n),
        .h_wr(h_wr), .h_rd(h_rd), .h_addr(h_addr), .h_wdata(h_wdata), .h_wstrb(h_wstrb), .h_miss(h_miss),
        .h_rdata(h_rdata),
        .start(start), .num_layers(num_layers), .batch(batch), .busy(busy), .done(done),
        .error_code(error_code), .error_info(error_info), .cycles(cycles), .ops(ops)
    );
endmodule

`default_nettype wire
