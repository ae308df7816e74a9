/**
 * The platform's own meters, for what no stock Spring, Micrometer or Resilience4j meter
 * records.
 */
package dev.twelvefactor.support.observability;
