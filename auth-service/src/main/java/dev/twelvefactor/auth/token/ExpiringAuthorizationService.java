package dev.twelvefactor.auth.token;

import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Spring Authorization Server's in-memory store of authorizations, which forgets a
 * completed authorization once all its tokens have expired. The in-memory store alone
 * keeps every completed authorization for good, one per token request, so a long-running
 * instance would grow without bound. Nothing needs an expired one: the tokens are
 * self-contained JWTs that resource servers verify on their own. Authorizations still in
 * progress (a code not yet exchanged) stay bounded by the in-memory store itself.
 */
class ExpiringAuthorizationService implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration sweepInterval;

	private final AtomicReference<Instant> nextSweep;

	ExpiringAuthorizationService(Clock clock, Duration sweepInterval) {
		this.clock = clock;
		this.sweepInterval = sweepInterval;
		this.nextSweep = new AtomicReference<>(clock.instant().plus(sweepInterval));
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		store.save(authorization);
		if (authorization.getAccessToken() != null) {
			expiries.put(authorization.getId(), expiry(authorization));
		}
		sweepWhenDue();
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		store.remove(authorization);
		expiries.remove(authorization.getId());
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return store.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return store.findByToken(token, tokenType);
	}

	/** How many completed authorizations are held (for tests). */
	int size() {
		return expiries.size();
	}

	/**
	 * The latest expiry of the authorization's tokens: until then it may be asked for.
	 */
	private static Instant expiry(OAuth2Authorization authorization) {
		return Stream
			.of(authorization.getAccessToken(), authorization.getRefreshToken(),
					authorization.getToken(OAuth2AuthorizationCode.class), authorization.getToken(OidcIdToken.class))
			.filter(Objects::nonNull)
			.map(OAuth2Authorization.Token::getToken)
			.map(AbstractOAuth2Token::getExpiresAt)
			.map(expiresAt -> (expiresAt != null) ? expiresAt : Instant.MAX)
			.max(Instant::compareTo)
			.orElse(Instant.MAX);
	}

	/**
	 * At most once per interval, by whichever request saves first after it: no thread of
	 * its own, and a scan of a few hundred entries is cheap next to signing a token.
	 */
	private void sweepWhenDue() {
		Instant now = clock.instant();
		Instant due = nextSweep.get();
		if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(sweepInterval))) {
			return;
		}
		expiries.forEach((id, expiry) -> {
			if (expiry.isBefore(now) && expiries.remove(id, expiry)) {
				OAuth2Authorization expired = store.findById(id);
				if (expired != null) {
					store.remove(expired);
				}
			}
		});
	}

}
