package io.tnet.model;

import java.util.List;

/**
 * Convolutional threshold layer: the {@link ThresholdDense} formula applied per output position over
 * the kernel taps, {@code y[o,p,q] = 2^scaleExp * (b_o + sum_{c,u,v} s[o,c,u,v] * max(x[c, p*sh+u-ph,
 * q*sw+v-pw] - theta[o,c,u,v], 0))}. A stride above 1 is how threshold networks downsample (no pooling).
 */
public record ThresholdConv2d(String name, Conv2dGeometry geometry, int scaleExp,
                              Tensor thresholds, Tensor signs, Tensor bias) implements Layer {

    public ThresholdConv2d {
        Checks.name(name);
        if (geometry == null) {
            throw new InvalidModelException(InvalidModelException.Problem.MISSING_FIELD, name + ": geometry missing");
        }
        Checks.scaleExp(name, scaleExp);
        Checks.shape(name, "thresholds", thresholds, geometry.kernelShape());
        Checks.shape(name, "signs", signs, geometry.kernelShape());
        Checks.shape(name, "bias", bias, Shape.of(geometry.outChannels()));
        Checks.signs(name, signs);
        Checks.bias(name, bias, Checks.param(name, "thresholds", thresholds));
    }

    @Override
    public LayerKind kind() {
        return LayerKind.THRESHOLD_CONV2D;
    }

    @Override
    public Shape outputShape(Shape input) {
        return geometry.outputShape(name, input);
    }

    @Override
    public List<NamedTensor> tensors() {
        return List.of(new NamedTensor("thresholds", thresholds), new NamedTensor("signs", signs),
                new NamedTensor("bias", bias));
    }

    @Override
    public Precision precision() {
        return thresholds instanceof I8Tensor ? Precision.INT8 : Precision.FLOAT32;
    }
}
