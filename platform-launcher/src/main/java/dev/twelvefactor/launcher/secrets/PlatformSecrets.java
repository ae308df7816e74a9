package dev.twelvefactor.launcher.secrets;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A local platform's secrets, made once for its data folder and kept there: the passwords
 * and client secrets in {@code secrets.properties} (one {@code NAME=value} line each, the
 * names of {@link Secret}) and auth-service's signing key in
 * {@code auth-signing-key.pem}, both readable by their owner alone. A later run loads
 * them as they are: services, tokens and scripts already use them. A file that is missing
 * is made; one that is damaged is refused, naming it, instead of being silently replaced.
 */
public final class PlatformSecrets {

	public static final String FILE = "secrets.properties";

	public static final String SIGNING_KEY_FILE = "auth-signing-key.pem";

	/**
	 * 256 random bits each: well above the 128 a password nobody types needs, and
	 * URL-safe (base64url without padding), so one fits in a URL's user info unescaped.
	 */
	private static final int RANDOM_BYTES = 32;

	/** What a generated value looks like: base64url, at least 128 bits. */
	private static final Pattern GENERATED = Pattern.compile("[A-Za-z0-9_-]{22,}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<Secret, String> values;

	private final Path signingKey;

	private PlatformSecrets(Map<Secret, String> values, Path signingKey) {
		for (Secret secret : Secret.values()) {
			if (!values.containsKey(secret)) {
				throw new IllegalArgumentException("No value for " + secret);
			}
		}
		this.values = Map.copyOf(values);
		this.signingKey = signingKey;
	}

	/**
	 * Given values, for tests and for the names of the environment; nothing is read or
	 * written.
	 */
	public static PlatformSecrets of(Map<Secret, String> values, Path signingKey) {
		return new PlatformSecrets(values, signingKey);
	}

	/** The secrets of the platform with this data folder; made first if missing. */
	public static PlatformSecrets loadOrCreate(Path dataDirectory) {
		PrivateFiles.create(fileIn(dataDirectory), generated());
		SigningKeyFile.createIfMissing(dataDirectory.resolve(SIGNING_KEY_FILE));
		return load(dataDirectory);
	}

	/**
	 * The secrets a running (or stopped) platform made, as another process reads them;
	 * refuses when there are none yet.
	 */
	public static PlatformSecrets load(Path dataDirectory) {
		Path file = fileIn(dataDirectory);
		Path key = dataDirectory.resolve(SIGNING_KEY_FILE);
		for (Path required : List.of(file, key)) {
			if (!Files.isRegularFile(required)) {
				throw new IllegalStateException(
						"No " + required + ": the platform makes its secrets when it starts (./platform up)");
			}
			PrivateFiles.requireOwnerOnly(required);
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read " + file, e);
		}
		Map<Secret, String> values = new EnumMap<>(Secret.class);
		for (Secret secret : Secret.values()) {
			String value = properties.getProperty(secret.name(), "").strip();
			if (!GENERATED.matcher(value).matches()) {
				throw new IllegalStateException(file + ": " + secret + (value.isEmpty() ? " is missing" : " is damaged")
						+ " (a generated value: at least 22 of A-Z a-z 0-9 - _). Restore it, or delete the file while "
						+ "the platform is stopped to generate new secrets.");
			}
			values.put(secret, value);
		}
		SigningKeyFile.read(key);
		return new PlatformSecrets(values, key);
	}

	/**
	 * Where the platform with this data folder keeps its passwords and client secrets.
	 */
	public static Path fileIn(Path dataDirectory) {
		return dataDirectory.resolve(FILE);
	}

	public String value(Secret secret) {
		return values.get(secret);
	}

	/** AUTH_SIGNING_KEY_PATH: auth-service's signing key, PKCS#8 PEM. */
	public Path signingKey() {
		return signingKey;
	}

	/** discovery-service's user: Eureka's REST API and dashboard. */
	public Credentials eureka() {
		return new Credentials("eureka", value(Secret.EUREKA_PASSWORD));
	}

	/** config-service's user. */
	public Credentials config() {
		return new Credentials("config", value(Secret.CONFIG_PASSWORD));
	}

	/** The actuator's read-only user: prometheus, metrics, info. */
	public Credentials monitoring() {
		return new Credentials("monitoring", value(Secret.MONITORING_PASSWORD));
	}

	/** The actuator's user for every endpoint (refresh, health details, ...). */
	public Credentials admin() {
		return new Credentials("admin", value(Secret.ADMIN_PASSWORD));
	}

	/** The user of auth-service's login page (the Swagger UI's Authorize button). */
	public Credentials demoUser() {
		return new Credentials("demo", value(Secret.DEMO_USER_PASSWORD));
	}

	/** A client's id and secret, as it authenticates at auth-service's token endpoint. */
	public Credentials client(Client client) {
		return new Credentials(client.id(), value(client.secret()));
	}

	private static String generated() {
		StringBuilder file = new StringBuilder(
				"""
						# Made once by the launcher (./platform up) for this data folder; its processes get these as environment variables.
						# Readable by its owner alone. Delete it only while the platform is stopped: the next start makes new ones.
						""");
		for (Secret secret : Secret.values()) {
			byte[] random = new byte[RANDOM_BYTES];
			RANDOM.nextBytes(random);
			file.append(secret.name())
				.append('=')
				.append(Base64.getUrlEncoder().withoutPadding().encodeToString(random))
				.append('\n');
		}
		return file.toString();
	}

	@Override
	public String toString() {
		return "PlatformSecrets[" + values.keySet() + ", values hidden, signing key " + signingKey + "]";
	}

}
