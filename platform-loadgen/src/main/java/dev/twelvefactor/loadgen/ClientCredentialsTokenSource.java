package dev.twelvefactor.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens for a client of its own (OAuth 2.0 client_credentials, RFC 6749 section
 * 4.4): {@code POST /oauth2/token} with the client's id and secret in HTTP Basic, the
 * token kept until shortly before it expires. While it is renewed, which one caller does,
 * the others go on with the token they have, still valid; a renewal that fails is tried
 * again by the next caller, and the token in hand used until it expires. Talks to this
 * machine only, like everything in this module: it sends a secret.
 */
public final class ClientCredentialsTokenSource implements TokenSource {

	/** Renewed this long before it expires (at most half its life), never in flight. */
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

	private final URI tokenEndpoint;

	private final String authorization;

	private final InstantSource clock;

	private final HttpClient http = LoadHttp.client();

	private final ReentrantLock fetching = new ReentrantLock();

	private volatile Token current;

	/** A token, when to renew it and when it expires. */
	private record Token(String value, Instant renewAt, Instant expiresAt) {
	}

	public ClientCredentialsTokenSource(URI tokenEndpoint, String clientId, String clientSecret) {
		this(tokenEndpoint, clientId, clientSecret, InstantSource.system());
	}

	ClientCredentialsTokenSource(URI tokenEndpoint, String clientId, String clientSecret, InstantSource clock) {
		this.tokenEndpoint = Loopback.require(tokenEndpoint);
		// RFC 6749 section 2.3.1: id and secret form-encoded, then HTTP Basic.
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
		this.clock = clock;
	}

	/**
	 * For a client of the authorization server at {@code baseUrl} (its token endpoint is
	 * {@code baseUrl/oauth2/token}).
	 */
	public static ClientCredentialsTokenSource of(String baseUrl, String clientId, String clientSecret) {
		return new ClientCredentialsTokenSource(URI.create(baseUrl.replaceAll("/+$", "") + "/oauth2/token"), clientId,
				clientSecret);
	}

	@Override
	public String accessToken() {
		Token token = current;
		Instant now = clock.instant();
		if (token != null && now.isBefore(token.renewAt())) {
			return token.value();
		}
		if (token != null && now.isBefore(token.expiresAt())) {
			if (fetching.tryLock()) {
				try {
					current = fetch();
				}
				catch (TokenUnavailableException stillValid) {
					// The next caller tries again; this one goes on with the token it
					// has.
				}
				finally {
					fetching.unlock();
				}
			}
			return current.value();
		}
		fetching.lock();
		try {
			token = current;
			if (token == null || !clock.instant().isBefore(token.expiresAt())) {
				token = fetch();
				current = token;
			}
			return token.value();
		}
		finally {
			fetching.unlock();
		}
	}

	private Token fetch() {
		HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
			.timeout(LoadHttp.TIMEOUT)
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		Instant asked = clock.instant();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new TokenUnavailableException("No answer from " + tokenEndpoint + ": " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new TokenUnavailableException("Interrupted while asking " + tokenEndpoint + " for a token", e);
		}
		if (response.statusCode() != 200) {
			throw new TokenUnavailableException(
					tokenEndpoint + " answered " + response.statusCode() + ": " + abbreviated(response.body()), null);
		}
		TokenResponse token;
		try {
			token = TokenResponse.parse(response.body());
		}
		catch (IllegalArgumentException e) {
			throw new TokenUnavailableException(tokenEndpoint + " answered without a token: " + e.getMessage(), e);
		}
		// Counted from the request, not the answer: the token was issued in between.
		Instant expiresAt = asked.plus(token.expiresIn());
		Duration margin = token.expiresIn().dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0
				? token.expiresIn().dividedBy(2) : RENEW_BEFORE_EXPIRY;
		return new Token(token.accessToken(), expiresAt.minus(margin), expiresAt);
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String abbreviated(String body) {
		String line = body.replaceAll("\\s+", " ").strip();
		return line.length() <= 300 ? line : line.substring(0, 300) + "...";
	}

	@Override
	public String toString() {
		return "ClientCredentialsTokenSource[" + tokenEndpoint + "]";
	}

}
