package dev.twelvefactor.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser pages on other origins may call the public API.
 *
 * @param allowedOrigins origins ({@code https://shop.example.com}) whose scripts may call
 * {@code /api/**}; empty (the default): none, every CORS preflight is refused with 403
 */
@ConfigurationProperties("gateway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
