/**
 * order-service's settings and their defaults; a package every other one may use, using
 * none of them.
 */
package dev.twelvefactor.order.config;
