// SPDX-License-Identifier: Apache-2.0
// tnet_axil_ctrl: AXI4-Lite control slave: ap_ctrl_hs handshake, interrupt, identification and counter registers.
`default_nettype none

module tnet_axil_ctrl #(
    parameter [31:0] CAPS          = 32'd0,   // CAPS register value
    parameter [31:0] MANIFEST_HASH = 32'd0,   // first four bytes of the manifest's SHA-256
    parameter [31:0] MAX_INPUTS    = 32'd0,
    parameter [31:0] MAX_OUTPUTS   = 32'd0,
    parameter [31:0] MAX_LAYERS    = 32'd0,
    parameter [31:0] CLOCK_MHZ     = 32'd0,
    parameter [31:0] DESC_BASE = 0, parameter [31:0] DESC_SIZE = 0,
    parameter [31:0] THR_BASE  = 0, parameter [31:0] THR_SIZE  = 0,
    parameter [31:0] SGN_BASE  = 0, parameter [31:0] SGN_SIZE  = 0,
    parameter [31:0] BIAS_BASE = 0, parameter [31:0] BIAS_SIZE = 0,
    parameter [31:0] IN_BASE   = 0, parameter [31:0] IN_SIZE   = 0,
    parameter [31:0] OUT_BASE  = 0, parameter [31:0] OUT_SIZE  = 0
) (
    // clock and synchronous active-low reset
    input  wire        clk,
    input  wire        rst_n,
    // AXI4-Lite slave (8-bit byte addresses, 32-bit data)
    input  wire [7:0]  s_axi_ctrl_awaddr,
    input  wire        s_axi_ctrl_awvalid,
    output wire        s_axi_ctrl_awready,
    input  wire [31:0] s_axi_ctrl_wdata,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [3:0]  s_axi_ctrl_wstrb,     // registers are written whole
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire        s_axi_ctrl_wvalid,
    output wire        s_axi_ctrl_wready,
    output wire [1:0]  s_axi_ctrl_bresp,
    output reg         s_axi_ctrl_bvalid,
    input  wire        s_axi_ctrl_bready,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [7:0]  s_axi_ctrl_araddr,    // word aligned: bits [1:0] ignored
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire        s_axi_ctrl_arvalid,
    output wire        s_axi_ctrl_arready,
    output reg  [31:0] s_axi_ctrl_rdata,
    output wire [1:0]  s_axi_ctrl_rresp,
    output reg         s_axi_ctrl_rvalid,
    input  wire        s_axi_ctrl_rready,
    // core control and status
    output wire        core_start,
    output reg  [15:0] num_layers,
    output reg  [15:0] batch,
    input  wire        core_busy,
    input  wire        core_done,
    input  wire [7:0]  core_error,
    input  wire [31:0] core_error_info,
    input  wire [63:0] core_cycles,
    input  wire [63:0] core_ops,
    // level interrupt: GIE & |(ISR); Verilator names the C++ member __SYM__interrupt
    /* verilator lint_off SYMRSVDWORD */
    output wire        interrupt
    /* verilator lint_on SYMRSVDWORD */
);
`include "tnet_accel_regs.vh"

    // ---- write channel: address and data may arrive in either order ----
    reg        aw_ok, w_ok;
    /* verilator lint_off UNUSEDSIGNAL */
    reg [7:0]  aw_addr;   // word aligned
    reg [31:0] w_data;    // registers hold at most 16 bits
    /* verilator lint_on UNUSEDSIGNAL */
    assign s_axi_ctrl_awready = !aw_ok && !s_axi_ctrl_bvalid;
    assign s_axi_ctrl_wready  = !w_ok && !s_axi_ctrl_bvalid;
    assign s_axi_ctrl_bresp   = 2'b00;
    wire do_write = aw_ok && w_ok && !s_axi_ctrl_bvalid;

    // ---- read channel ----
    assign s_axi_ctrl_arready = !s_axi_ctrl_rvalid;
    assign s_axi_ctrl_rresp   = 2'b00;
    wire do_read = s_axi_ctrl_arvalid && s_axi_ctrl_arready;

    // ---- registers ----
    reg        ap_start, ap_done, ap_ready, auto_restart, gie;
    reg [1:0]  ier, isr;
    reg [7:0]  error_code;
    reg [31:0] cycles_hi, ops_hi;

    assign core_start = ap_start && !core_busy;
    assign interrupt  = gie && (isr != 2'b00);

    wire [31:0] ctrl_value = {24'd0, auto_restart, 3'd0, ap_ready, !core_busy, ap_done, ap_start};

    always @(posedge clk) begin
        if (!rst_n) begin
            aw_ok <= 1'b0;
            w_ok <= 1'b0;
            s_axi_ctrl_bvalid <= 1'b0;
            s_axi_ctrl_rvalid <= 1'b0;
            s_axi_ctrl_rdata <= 32'd0;
            ap_start <= 1'b0;
            ap_done <= 1'b0;
            ap_ready <= 1'b0;
            auto_restart <= 1'b0;
            gie <= 1'b0;
            ier <= 2'b00;
            isr <= 2'b00;
            error_code <= 8'd0;
            num_layers <= 16'd0;
            batch <= 16'd1;
            cycles_hi <= 32'd0;
            ops_hi <= 32'd0;
        end else begin
            if (s_axi_ctrl_awvalid && s_axi_ctrl_awready) begin
                aw_ok <= 1'b1;
                aw_addr <= s_axi_ctrl_awaddr;
            end
            if (s_axi_ctrl_wvalid && s_axi_ctrl_wready) begin
                w_ok <= 1'b1;
                w_data <= s_axi_ctrl_wdata;
            end
            if (s_axi_ctrl_bvalid && s_axi_ctrl_bready) s_axi_ctrl_bvalid <= 1'b0;
            if (s_axi_ctrl_rvalid && s_axi_ctrl_rready) s_axi_ctrl_rvalid <= 1'b0;

            // handshake with the core
            if (core_start) ap_start <= auto_restart;
            if (core_done) begin
                error_code <= core_error;
            end

            if (do_write) begin
                aw_ok <= 1'b0;
                w_ok <= 1'b0;
                s_axi_ctrl_bvalid <= 1'b1;
                case ({aw_addr[7:2], 2'b00})
                    REG_CTRL: begin
                        if (w_data[0]) ap_start <= 1'b1;
                        auto_restart <= w_data[7];
                    end
                    REG_GIE:        gie <= w_data[0];
                    REG_IER:        ier <= w_data[1:0];
                    REG_ISR:        isr <= isr ^ w_data[1:0];
                    REG_ERROR:      if (w_data[7:0] == error_code) error_code <= 8'd0;
                    REG_NUM_LAYERS: num_layers <= w_data[15:0];
                    REG_BATCH:      batch <= w_data[15:0];
                    default: ;
                endcase
            end

            if (do_read) begin
                s_axi_ctrl_rvalid <= 1'b1;
                case ({s_axi_ctrl_araddr[7:2], 2'b00})
                    REG_CTRL: begin
                        s_axi_ctrl_rdata <= ctrl_value;
                        ap_done <= 1'b0;     // clear on read
                        ap_ready <= 1'b0;
                    end
                    REG_GIE:           s_axi_ctrl_rdata <= {31'd0, gie};
                    REG_IER:           s_axi_ctrl_rdata <= {30'd0, ier};
                    REG_ISR:           s_axi_ctrl_rdata <= {30'd0, isr};
                    REG_ID:            s_axi_ctrl_rdata <= ACCEL_ID;
                    REG_VERSION:       s_axi_ctrl_rdata <= ACCEL_VERSION;
                    REG_CAPS:          s_axi_ctrl_rdata <= CAPS;
                    REG_MANIFEST_HASH: s_axi_ctrl_rdata <= MANIFEST_HASH;
                    REG_ERROR:         s_axi_ctrl_rdata <= {24'd0, error_code};
                    REG_NUM_LAYERS:    s_axi_ctrl_rdata <= {16'd0, num_layers};
                    REG_BATCH:         s_axi_ctrl_rdata <= {16'd0, batch};
                    REG_ERROR_INFO:    s_axi_ctrl_rdata <= core_error_info;
                    REG_CYCLES_LO: begin
                        s_axi_ctrl_rdata <= core_cycles[31:0];
                        cycles_hi <= core_cycles[63:32];
                    end
                    REG_CYCLES_HI:     s_axi_ctrl_rdata <= cycles_hi;
                    REG_OPS_LO: begin
                        s_axi_ctrl_rdata <= core_ops[31:0];
                        ops_hi <= core_ops[63:32];
                    end
                    REG_OPS_HI:        s_axi_ctrl_rdata <= ops_hi;
                    REG_MAX_INPUTS:    s_axi_ctrl_rdata <= MAX_INPUTS;
                    REG_MAX_OUTPUTS:   s_axi_ctrl_rdata <= MAX_OUTPUTS;
                    REG_MAX_LAYERS:    s_axi_ctrl_rdata <= MAX_LAYERS;
                    REG_CLOCK_MHZ:     s_axi_ctrl_rdata <= CLOCK_MHZ;
                    REG_DESC_BASE:     s_axi_ctrl_rdata <= DESC_BASE;
                    REG_DESC_SIZE:     s_axi_ctrl_rdata <= DESC_SIZE;
                    REG_THR_BASE:      s_axi_ctrl_rdata <= THR_BASE;
                    REG_THR_SIZE:      s_axi_ctrl_rdata <= THR_SIZE;
                    REG_SGN_BASE:      s_axi_ctrl_rdata <= SGN_BASE;
                    REG_SGN_SIZE:      s_axi_ctrl_rdata <= SGN_SIZE;
                    REG_BIAS_BASE:     s_axi_ctrl_rdata <= BIAS_BASE;
                    REG_BIAS_SIZE:     s_axi_ctrl_rdata <= BIAS_SIZE;
                    REG_IN_BASE:       s_axi_ctrl_rdata <= IN_BASE;
                    REG_IN_SIZE:       s_axi_ctrl_rdata <= IN_SIZE;
                    REG_OUT_BASE:      s_axi_ctrl_rdata <= OUT_BASE;
                    REG_OUT_SIZE:      s_axi_ctrl_rdata <= OUT_SIZE;
                    default:           s_axi_ctrl_rdata <= 32'd0;
                endcase
            end

            // completion sets status after any clear-on-read in the same cycle
            if (core_done) begin
                ap_done <= 1'b1;
                ap_ready <= 1'b1;
                if (ier[0]) isr[0] <= 1'b1;
                if (ier[1]) isr[1] <= 1'b1;
            end
        end
    end
endmodule

`default_nettype wire
