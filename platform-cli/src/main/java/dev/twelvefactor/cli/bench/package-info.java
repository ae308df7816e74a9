/**
 * {@code ./platform bench}: startup, memory, the gateway's hop, order throughput and the
 * saturation curve of order creation, measured and reported in Markdown (the curve also
 * as CSV and PNG).
 */
package dev.twelvefactor.cli.bench;
