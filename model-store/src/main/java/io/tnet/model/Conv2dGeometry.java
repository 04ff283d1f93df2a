package io.tnet.model;

/**
 * Geometry shared by {@link ThresholdConv2d} and {@link Conv2d}: channels, kernel, stride and zero
 * padding. Input and output are CHW per sample. Padded positions hold the value 0 and take part
 * like any other input (a threshold tap on padding contributes {@code s * max(0 - theta, 0)}).
 */
public record Conv2dGeometry(int inChannels, int outChannels, int kernelH, int kernelW,
                             int strideH, int strideW, int padH, int padW) {

    public Conv2dGeometry {
        String n = "conv geometry";
        Checks.positive(n, "inChannels", inChannels);
        Checks.positive(n, "outChannels", outChannels);
        Checks.positive(n, "kernelH", kernelH);
        Checks.positive(n, "kernelW", kernelW);
        Checks.positive(n, "strideH", strideH);
        Checks.positive(n, "strideW", strideW);
        Checks.nonNegative(n, "padH", padH);
        Checks.nonNegative(n, "padW", padW);
        if (padH >= kernelH || padW >= kernelW) {
            throw new InvalidModelException(InvalidModelException.Problem.BAD_VALUE,
                    "padding (" + padH + "," + padW + ") must be smaller than the kernel (" + kernelH + "," + kernelW + ")");
        }
    }

    /** Shape {@code [outChannels, inChannels, kernelH, kernelW]} of the per-tap parameter tensors. */
    public Shape kernelShape() {
        return Shape.of(outChannels, inChannels, kernelH, kernelW);
    }

    /** Output shape for a CHW input, or a {@code SHAPE_CHAIN} error naming the layer. */
    public Shape outputShape(String layer, Shape input) {
        if (input.rank() != 3 || input.dim(0) != inChannels) {
            throw Checks.chain(layer, "expects input [" + inChannels + ", H, W], got " + input);
        }
        int h = input.dim(1) + 2 * padH - kernelH;
        int w = input.dim(2) + 2 * padW - kernelW;
        if (h < 0 || w < 0) {
            throw Checks.chain(layer, "kernel " + kernelH + "x" + kernelW + " larger than padded input " + input);
        }
        return Shape.of(outChannels, h / strideH + 1, w / strideW + 1);
    }

    /** Synapses per output position: inChannels * kernelH * kernelW. */
    public int fanIn() {
        return inChannels * kernelH * kernelW;
    }
}
