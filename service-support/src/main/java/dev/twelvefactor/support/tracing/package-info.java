/**
 * What every traced service shares: which spans reach the trace store, and the trace id
 * on every problem a client gets.
 */
package dev.twelvefactor.support.tracing;
