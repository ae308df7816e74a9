package dev.twelvefactor.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for auth-service on loopback, one per test JVM: it signs access tokens as
 * auth-service does (RS256, {@code iss} = its address, {@code aud} = platform-api,
 * {@code sub}, {@code scope}, five minutes), publishes its key at {@code /oauth2/jwks},
 * and answers client_credentials requests at {@code /oauth2/token}, counting them. Its
 * token endpoint can be made to fail or the whole server to go away, as auth-service can.
 * The services' tests point AUTH_URL and PUBLIC_URL at it, so tokens are checked by the
 * very decoder that checks real ones.
 */
public final class TestAuthServer {

	public static final String AUDIENCE = "platform-api";

	public static final String KEY_ID = "test-key";

	private static TestAuthServer shared;

	private final SigningKey key = new SigningKey(KEY_ID);

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final List<Map<String, String>> tokenRequestForms = new ArrayList<>();

	private volatile int tokenEndpointStatus = 200;

	private HttpServer server;

	private int port;

	private TestAuthServer() {
		start(0);
	}

	/** The one server of this test JVM (one address, so Spring's context cache holds). */
	public static synchronized TestAuthServer shared() {
		if (shared == null) {
			shared = new TestAuthServer();
		}
		return shared;
	}

	/**
	 * Sets AUTH_URL and PUBLIC_URL, the variables the services' configuration reads: the
	 * issuer and the internal address are both this server.
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("AUTH_URL", this::url);
		registry.add("PUBLIC_URL", this::url);
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	/** A client the token endpoint accepts (client_secret_basic), with its scopes. */
	public void client(String id, String secret, String... scopes) {
		clients.put(id, new Client(secret, List.of(scopes)));
	}

	/**
	 * The claims of a valid access token of {@code subject}; change them (an expired
	 * {@code exp}, another {@code aud}) and {@link #sign(Map)} them for a token that is
	 * not.
	 */
	public Map<String, Object> claims(String subject, String... scopes) {
		Instant now = Instant.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", url());
		claims.put("sub", subject);
		claims.put("aud", List.of(AUDIENCE));
		claims.put("scope", String.join(" ", scopes));
		claims.put("iat", now.getEpochSecond());
		claims.put("nbf", now.getEpochSecond());
		claims.put("exp", now.plusSeconds(300).getEpochSecond());
		claims.put("jti", UUID.randomUUID().toString());
		return claims;
	}

	/** A valid access token of {@code subject} with these scopes. */
	public String token(String subject, String... scopes) {
		return sign(claims(subject, scopes));
	}

	/** A JWT of these claims, signed with this server's key (RS256). */
	public String sign(Map<String, Object> claims) {
		return key.sign(claims);
	}

	/**
	 * The claims of a token this server signed (a bearer token a service sent, say);
	 * fails for any other.
	 */
	public Map<String, Object> verify(String token) {
		return key.verify(token);
	}

	/** How many token requests arrived (answered or not) since the server started. */
	public int tokenRequests() {
		return tokenRequests.get();
	}

	/** The form parameters of the last token request. */
	public synchronized Map<String, String> lastTokenRequest() {
		return tokenRequestForms.isEmpty() ? Map.of() : tokenRequestForms.getLast();
	}

	/**
	 * The token endpoint answers every request with this status and an OAuth2 error; 200
	 * for normal service.
	 */
	public void tokenEndpointAnswers(int status) {
		this.tokenEndpointStatus = status;
	}

	/**
	 * Stops the server: connections to its address are refused, as when auth-service is
	 * down.
	 */
	public synchronized void stop() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
	}

	/** Starts the server again on the same address, answering normally. */
	public synchronized void restart() {
		tokenEndpointStatus = 200;
		if (server == null) {
			start(port);
		}
	}

	private synchronized void start(int requestedPort) {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/oauth2/jwks", this::jwks);
		server.createContext("/oauth2/token", this::token);
		server.start();
		port = server.getAddress().getPort();
	}

	private void jwks(HttpExchange exchange) throws IOException {
		send(exchange, 200, Map.of("keys", List.of(key.jwk())));
	}

	private void token(HttpExchange exchange) throws IOException {
		tokenRequests.incrementAndGet();
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		synchronized (this) {
			tokenRequestForms.add(form);
		}
		if (tokenEndpointStatus != 200) {
			send(exchange, tokenEndpointStatus, Map.of("error", "server_error"));
			return;
		}
		String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
		Client client = credentials == null ? null : clients.get(credentials[0]);
		if (client == null || !client.secret().equals(credentials[1])) {
			send(exchange, 401, Map.of("error", "invalid_client"));
			return;
		}
		if (!"client_credentials".equals(form.get("grant_type"))) {
			send(exchange, 400, Map.of("error", "unsupported_grant_type"));
			return;
		}
		List<String> scopes = form.containsKey("scope") ? List.of(form.get("scope").split(" ")) : client.scopes();
		if (!client.scopes().containsAll(scopes)) {
			send(exchange, 400, Map.of("error", "invalid_scope"));
			return;
		}
		String scope = String.join(" ", scopes);
		send(exchange, 200, Map.of("access_token", token(credentials[0], scopes.toArray(String[]::new)), "token_type",
				"Bearer", "expires_in", 300, "scope", scope));
	}

	/**
	 * Client id and secret of a client_secret_basic header, each form-encoded first (RFC
	 * 6749, 2.3.1).
	 */
	private static String[] basicCredentials(String authorization) {
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return null;
		}
		String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
		int colon = decoded.indexOf(':');
		return colon < 0 ? null : new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
				URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = SigningKey.json(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private record Client(String secret, List<String> scopes) {
	}

}
