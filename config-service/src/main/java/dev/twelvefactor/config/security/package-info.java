/**
 * Who may read configuration (the user {@code config}) and encrypt or decrypt values (the
 * user {@code admin}); the management port is secured by service-support.
 */
package dev.twelvefactor.config.security;
