/**
 * auth-service's own settings ({@code auth.*}) and their defaults; a package every other
 * one may use, using none of them.
 */
package dev.twelvefactor.auth.config;
