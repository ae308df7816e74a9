package dev.twelvefactor.loadgen;

/**
 * Where a client gets the access token it sends as {@code Authorization: Bearer}. Safe to
 * ask from many threads at once.
 */
@FunctionalInterface
public interface TokenSource {

	/**
	 * A token valid now; throws {@link TokenUnavailableException} when none can be had.
	 */
	String accessToken();

}
