/**
 * config-service: the Spring Cloud Config server that hands every service its
 * configuration (factor III).
 */
package dev.twelvefactor.config;
