package io.tnet.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the inference service. Every feature's settings are a
 * {@code @ConfigurationProperties} record found by the scan.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TnetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TnetServiceApplication.class, args);
    }
}
