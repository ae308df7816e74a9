/**
 * The adaptive concurrency limit: how many requests a service works on at once, found by
 * measuring latency (Netflix's concurrency-limits, Vegas by default) instead of a number
 * tuned per machine. Over the limit a request is refused at once, 503 problem+json with
 * {@code Retry-After: 1}, so an overloaded instance keeps serving what it can at normal
 * latency instead of collapsing.
 * <ul>
 * <li>{@link dev.twelvefactor.support.concurrency.ConcurrencyLimitAutoConfiguration}: the
 * servlet filter of every servlet service (main port only), with its meters
 * {@code http_server_concurrency_limit}, {@code _inflight} and
 * {@code _refusals_total}.</li>
 * <li>{@link dev.twelvefactor.support.concurrency.AdaptiveLimiter},
 * {@link dev.twelvefactor.support.concurrency.Permit},
 * {@link dev.twelvefactor.support.concurrency.Outcome}: the limiter and how a request
 * reports to it, shared with the gateway's per-route limit.</li>
 * </ul>
 */
package dev.twelvefactor.support.concurrency;
