package io.tnet.model;

import java.util.List;

/**
 * Multiplication Injection convolution: {@code y[o,p,q] = act(2^scaleExp * (b_o + sum_{c,u,v}
 * w[o,c,u,v] * x[c, p*sh+u-ph, q*sw+v-pw]))} with zero padding.
 */
public record Conv2d(String name, Conv2dGeometry geometry, int scaleExp, Activation activation,
                     Tensor weights, Tensor bias) implements Layer {

    public Conv2d {
        Checks.name(name);
        if (geometry == null || activation == null) {
            throw new InvalidModelException(InvalidModelException.Problem.MISSING_FIELD,
                    name + ": geometry and activation are required");
        }
        Checks.scaleExp(name, scaleExp);
        Checks.shape(name, "weights", weights, geometry.kernelShape());
        Checks.shape(name, "bias", bias, Shape.of(geometry.outChannels()));
        Checks.bias(name, bias, Checks.param(name, "weights", weights));
    }

    @Override
    public LayerKind kind() {
        return LayerKind.CONV2D;
    }

    @Override
    public Shape outputShape(Shape input) {
        return geometry.outputShape(name, input);
    }

    @Override
    public List<NamedTensor> tensors() {
        return List.of(new NamedTensor("weights", weights), new NamedTensor("bias", bias));
    }

    @Override
    public Precision precision() {
        return weights instanceof I8Tensor ? Precision.INT8 : Precision.FLOAT32;
    }
}
