package io.tnet.service.inference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the inference API ({@code tnet.inference.*}).
 *
 * @param maxRequestSize largest inference request body accepted; larger ones get 413
 */
@ConfigurationProperties("tnet.inference")
public record InferenceProperties(@DefaultValue("16MB") DataSize maxRequestSize) {
}
