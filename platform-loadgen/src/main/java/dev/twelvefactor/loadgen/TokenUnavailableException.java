package dev.twelvefactor.loadgen;

/**
 * No access token could be had: the authorization server did not answer, or refused.
 */
public class TokenUnavailableException extends RuntimeException {

	public TokenUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
