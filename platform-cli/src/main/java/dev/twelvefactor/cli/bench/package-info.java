/**
 * {@code ./platform bench}: startup, memory, the gateway's hop and order throughput,
 * measured and reported in Markdown.
 */
package dev.twelvefactor.cli.bench;
