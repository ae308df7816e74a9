package dev.twelvefactor.gateway.security;

import dev.twelvefactor.gateway.observability.GatewayRefusals;

import java.util.Objects;

import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.problem.Problem;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's refusals as problem+json, like every other error of the gateway.
 * Spring's own entry points and denied handler still decide the status and write the
 * {@code WWW-Authenticate} header (with RFC 6750's error codes for bearer tokens); as
 * they would then complete the response with an empty body, they get a view of the
 * exchange that cannot complete it, and the problem is written after them.
 */
@Component
public class ProblemSecurityHandlers {

	/** The realm the management port's Basic challenge names. */
	static final String MANAGEMENT_REALM = "management";

	private final ProblemResponses problems;

	private final GatewayRefusals refusals;

	public ProblemSecurityHandlers(ProblemResponses problems, GatewayRefusals refusals) {
		this.problems = problems;
		this.refusals = refusals;
	}

	/**
	 * No token, or one that is malformed, badly signed, expired, from another issuer or
	 * for another audience: 401 with {@code WWW-Authenticate: Bearer ...}.
	 */
	public ServerAuthenticationEntryPoint bearer() {
		BearerTokenServerAuthenticationEntryPoint challenge = new BearerTokenServerAuthenticationEntryPoint();
		return (exchange, failure) -> challenge.commence(headersOnly(exchange), failure)
			.then(Mono.defer(() -> refusals.countBeforeRouting(exchange, statusSet(exchange, HttpStatus.UNAUTHORIZED))))
			.then(Mono
				.defer(() -> write(exchange, statusSet(exchange, HttpStatus.UNAUTHORIZED), bearerDetail(failure))));
	}

	/** A valid token without the scope the request needs: 403 (insufficient_scope). */
	public ServerAccessDeniedHandler bearerDenied() {
		BearerTokenServerAccessDeniedHandler challenge = new BearerTokenServerAccessDeniedHandler();
		return (exchange, denied) -> challenge.handle(headersOnly(exchange), denied)
			.then(Mono.defer(() -> refusals.countBeforeRouting(exchange, HttpStatus.FORBIDDEN)))
			.then(Mono.defer(() -> write(exchange, statusSet(exchange, HttpStatus.FORBIDDEN),
					"The access token does not allow this request: it lacks the scope the request needs "
							+ "(orders.read to read orders, orders.write to change them).")));
	}

	/** Management port without (valid) credentials: 401 with a Basic challenge. */
	public ServerAuthenticationEntryPoint basic() {
		HttpBasicServerAuthenticationEntryPoint challenge = new HttpBasicServerAuthenticationEntryPoint();
		challenge.setRealm(MANAGEMENT_REALM);
		return (exchange, failure) -> challenge.commence(headersOnly(exchange), failure)
			.then(Mono.defer(() -> write(exchange, statusSet(exchange, HttpStatus.UNAUTHORIZED),
					(failure instanceof BadCredentialsException) ? "The user name or password is wrong."
							: "This management endpoint needs HTTP Basic credentials (user monitoring or admin).")));
	}

	/** A management user asking for an endpoint only admin may use: 403. */
	public ServerAccessDeniedHandler basicDenied() {
		return (exchange, denied) -> write(exchange, HttpStatus.FORBIDDEN,
				"This management endpoint is for user admin only.");
	}

	/**
	 * A request Spring Security's firewall refuses before any rule applies (an encoded
	 * NUL, slash or percent sign in the path, a control character in a header): 400. It
	 * comes before the filter that adds the security headers, so they are set here.
	 */
	public ServerExchangeRejectedHandler rejected() {
		return (exchange, rejection) -> {
			exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
			exchange.getResponse().getHeaders().set("X-Content-Type-Options", "nosniff");
			return write(exchange, HttpStatus.BAD_REQUEST, "The request was refused: " + rejection.getMessage() + ".");
		};
	}

	/** The status a delegate set, or this one. */
	private static HttpStatusCode statusSet(ServerWebExchange exchange, HttpStatus otherwise) {
		return Objects.requireNonNullElse(exchange.getResponse().getStatusCode(), otherwise);
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
		return problems.write(ProblemResponses.problem(status, Problem.titleOf(status), detail,
				exchange.getRequest().getPath().value()), exchange);
	}

	private static String bearerDetail(Exception failure) {
		if (failure instanceof OAuth2AuthenticationException refused
				&& StringUtils.hasText(refused.getError().getDescription())) {
			return "The access token was refused: " + refused.getError().getDescription();
		}
		return "This request needs an access token: send it as 'Authorization: Bearer <token>'.";
	}

	/**
	 * The exchange, with a response that ignores {@code setComplete()}: what a delegate
	 * sets (status, headers) stays, and the response is still open for the problem body.
	 */
	private static ServerWebExchange headersOnly(ServerWebExchange exchange) {
		return exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> setComplete() {
				return Mono.empty();
			}
		}).build();
	}

}
