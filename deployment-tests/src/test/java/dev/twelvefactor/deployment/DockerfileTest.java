package dev.twelvefactor.deployment;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Dockerfile of every service, read instruction by instruction (no Docker engine
 * here): pinned JDK/JRE 25 bases, a non-root numeric user, OCI labels, a health check
 * that needs nothing the JRE image lacks, the shared JVM flags, and a build context that
 * contains what the Dockerfile copies.
 */
class DockerfileTest {

	record Instruction(int stage, String keyword, String arguments) {
	}

	/**
	 * Instructions in order, continuation lines joined, comments dropped; stage counts
	 * FROMs from 0.
	 */
	static List<Instruction> instructions() {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder pending = new StringBuilder();
		int stage = -1;
		for (String line : Repository.read("Dockerfile").lines().toList()) {
			String stripped = line.strip();
			if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
				continue;
			}
			if (!pending.isEmpty() && stripped.startsWith("#")) {
				continue; // a comment inside a continued instruction
			}
			if (stripped.endsWith("\\")) {
				pending.append(stripped, 0, stripped.length() - 1).append(' ');
				continue;
			}
			pending.append(stripped);
			String text = pending.toString().strip();
			pending.setLength(0);
			String[] parts = text.split("\\s+", 2);
			String keyword = parts[0].toUpperCase();
			if (keyword.equals("FROM")) {
				stage++;
			}
			instructions.add(new Instruction(stage, keyword, parts.length > 1 ? parts[1] : ""));
		}
		return instructions;
	}

	static List<Instruction> all(String keyword) {
		return instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
	}

	/** The user the final stage runs as. */
	static long finalUser() {
		List<Instruction> users = all("USER");
		int last = all("FROM").size() - 1;
		List<Instruction> finalStage = users.stream().filter(u -> u.stage() == last).toList();
		assertThat(finalStage).as("a USER in the final stage").isNotEmpty();
		String user = finalStage.getLast().arguments().split(":")[0];
		assertThat(user).as("USER is numeric, so that Kubernetes can verify runAsNonRoot").matches("\\d+");
		return Long.parseLong(user);
	}

	@Test
	void baseImagesArePinnedTemurin25AndTheFinalOneIsAJre() {
		Map<String, String> args = globalArgs();
		List<String> bases = all("FROM").stream().map(i -> expand(i.arguments().split("\\s+")[0], args)).toList();
		assertThat(bases).as("FROM images").hasSizeGreaterThanOrEqualTo(2).allSatisfy(image -> {
			assertThat(image).as("base image pinned by tag and digest")
				.matches("[^:@]+:[\\w][\\w.-]*@sha256:[0-9a-f]{64}")
				.doesNotContain(":latest");
			assertThat(image).startsWith("eclipse-temurin:25");
		});
		assertThat(bases.getLast()).as("the runtime image: a JRE, not a JDK").containsPattern(":25[\\w.]*-jre");
		assertThat(bases.getFirst()).as("the build stage compiles the health check").containsPattern(":25[\\w.]*-jdk");
		// The same Temurin release in both stages: the AOT cache and the compiled health
		// check match the runtime.
		assertThat(bases.stream().map(b -> b.replaceAll("-(jdk|jre)", "").replaceAll("@.*", "")).distinct()).hasSize(1);
	}

	@Test
	void theImageRunsAsANonRootUser() {
		assertThat(finalUser()).isPositive();
	}

	@Test
	void ociLabelsCarryVersionRevisionAndSource() {
		String labels = String.join(" ",
				all("LABEL").stream()
					.filter(i -> i.stage() == all("FROM").size() - 1)
					.map(Instruction::arguments)
					.toList());
		assertThat(labels).contains("org.opencontainers.image.version=\"${VERSION}\"")
			.contains("org.opencontainers.image.revision=\"${GIT_REVISION}\"")
			.contains("org.opencontainers.image.source=");
		assertThat(all("ARG").stream().map(Instruction::arguments)).anyMatch(a -> a.startsWith("VERSION"))
			.anyMatch(a -> a.startsWith("GIT_REVISION"));
	}

	@Test
	void theHealthCheckUsesTheJvmAndTheCompiledCheckerOnly() {
		List<Instruction> checks = all("HEALTHCHECK");
		assertThat(checks).hasSize(1);
		String check = checks.getFirst().arguments();
		assertThat(check).contains("CMD [\"java\"")
			.contains("HealthCheck")
			.contains("/actuator/health/readiness")
			.doesNotContain("curl")
			.doesNotContain("wget");
		assertThat(instructions()).as("HealthCheck.java is compiled into the image")
			.anyMatch(i -> i.keyword().equals("COPY") && i.arguments().contains("docker/HealthCheck.java"))
			.anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("javac")
					&& i.arguments().contains("HealthCheck.java"));
	}

	@Test
	void theEntrypointUsesTheSharedJvmFlagsAndPassesArgumentsOn() {
		List<Instruction> entrypoints = all("ENTRYPOINT");
		assertThat(entrypoints).hasSize(1);
		String entrypoint = entrypoints.getFirst().arguments();
		// Exec form: java is PID 1 and gets SIGTERM; `admin TASK` after the image name is
		// appended.
		assertThat(entrypoint).startsWith("[")
			.endsWith("]")
			.contains("\"java\"")
			.contains("\"@/app/jvm.options\"")
			.contains("\"-jar\"");
		assertThat(all("CMD")).as("no CMD: arguments are the service's own (admin tasks)").isEmpty();
		assertThat(instructions())
			.anyMatch(i -> i.keyword().equals("COPY") && i.arguments().matches("jvm.options\\s+\\./?"));
		// Training with other flags than the runtime's makes the JVM ignore the cache.
		assertThat(all("RUN").stream().map(Instruction::arguments))
			.anyMatch(run -> run.contains("-XX:AOTCacheOutput=") && run.contains("java @jvm.options"));
	}

	@Test
	void exposedPortsAndTheHealthChecksPortComeFromBuildArguments() {
		assertThat(all("EXPOSE").stream().map(Instruction::arguments))
			.containsExactly("${SERVER_PORT} ${MANAGEMENT_PORT}");
		assertThat(all("ENV").stream().map(Instruction::arguments))
			.anyMatch(env -> env.contains("SERVER_PORT=${SERVER_PORT}")
					&& env.contains("MANAGEMENT_PORT=${MANAGEMENT_PORT}"));
	}

	@Test
	void theBuildContextHoldsWhatTheDockerfileCopies() {
		List<String> sources = new ArrayList<>();
		for (Instruction copy : all("COPY")) {
			if (copy.arguments().startsWith("--from")) {
				continue;
			}
			String[] parts = copy.arguments().split("\\s+");
			for (int i = 0; i < parts.length - 1; i++) {
				sources.add(parts[i]);
			}
		}
		assertThat(sources).isNotEmpty();
		List<String> ignore = Repository.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter(l -> !l.isEmpty() && !l.startsWith("#"))
			.toList();
		for (String source : sources) {
			String path = source.replace("${SERVICE}", "order-service");
			assertThat(path.contains("target/") || Repository.exists(path)).as(source + " exists").isTrue();
			assertThat(includedInContext(path, ignore)).as(source + " is not excluded by .dockerignore").isTrue();
		}
		// And nothing else is sent: no .git, no data, no sources.
		assertThat(includedInContext(".git/config", ignore)).isFalse();
		assertThat(includedInContext(".platform/postgres/PG_VERSION", ignore)).isFalse();
		assertThat(includedInContext("order-service/src/main/resources/application.yml", ignore)).isFalse();
	}

	/**
	 * The training run calls nobody, but the configuration has no fallback for any
	 * credential: it gets throwaway ones, and auth-service a throwaway key.
	 */
	@Test
	void theAotTrainingRunGetsThrowawayCredentials() {
		String training = all("RUN").stream()
			.map(Instruction::arguments)
			.filter(run -> run.contains("-XX:AOTCacheOutput="))
			.findFirst()
			.orElseThrow();
		for (String name : List.of("EUREKA_PASSWORD", "CONFIG_PASSWORD", "MONITORING_PASSWORD", "ADMIN_PASSWORD",
				"ORDER_SERVICE_CLIENT_SECRET", "PLATFORM_CLI_CLIENT_SECRET", "LOAD_GENERATOR_CLIENT_SECRET",
				"DEMO_USER_PASSWORD")) {
			assertThat(training).contains(name + "=aot-training");
		}
		assertThat(training).contains("AUTH_URL=", "PUBLIC_URL=", "AUTH_SIGNING_KEY_PATH=/tmp/aot-training/")
			.contains("SigningKey /tmp/aot-training/")
			.contains("rm -rf /tmp/aot-training");
	}

	/**
	 * The health check itself, compiled and run against a local server answering 200,
	 * then 503.
	 */
	@Test
	void theHealthCheckExitsZeroOnlyWhenTheGroupIsUp(@TempDir Path classes) throws Exception {
		var compiler = ToolProvider.getSystemJavaCompiler();
		int compiled = compiler.run(null, null, null, "-d", classes.toString(),
				Repository.path("docker/HealthCheck.java").toString());
		assertThat(compiled).as("javac docker/HealthCheck.java").isZero();

		var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		int[] status = { 200 };
		server.createContext("/actuator/health/readiness", exchange -> {
			exchange.sendResponseHeaders(status[0], -1);
			exchange.close();
		});
		server.start();
		try {
			int port = server.getAddress().getPort();
			assertThat(runHealthCheck(classes, Integer.toString(port))).as("UP").isZero();
			status[0] = 503;
			assertThat(runHealthCheck(classes, Integer.toString(port))).as("OUT_OF_SERVICE").isEqualTo(1);
			assertThat(runHealthCheck(classes, null)).as("no MANAGEMENT_PORT").isEqualTo(1);
		}
		finally {
			server.stop(0);
		}
	}

	private static int runHealthCheck(Path classes, String managementPort) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classes.toString(), "HealthCheck", "/actuator/health/readiness")
			.redirectErrorStream(true);
		builder.environment().remove("MANAGEMENT_PORT");
		if (managementPort != null) {
			builder.environment().put("MANAGEMENT_PORT", managementPort);
		}
		Process process = builder.start();
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	/**
	 * ARGs before the first FROM, with their defaults: they may be used in FROM lines.
	 */
	private static Map<String, String> globalArgs() {
		Map<String, String> args = new HashMap<>();
		instructions().stream().filter(i -> i.stage() == -1 && i.keyword().equals("ARG")).forEach(i -> {
			String[] parts = i.arguments().split("=", 2);
			args.put(parts[0], parts.length > 1 ? parts[1] : "");
		});
		return args;
	}

	private static String expand(String text, Map<String, String> args) {
		Matcher matcher = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(args.getOrDefault(matcher.group(1), "")));
		}
		return matcher.appendTail(expanded).toString();
	}

	/** .dockerignore semantics: the last matching pattern decides; "!" re-includes. */
	private static boolean includedInContext(String path, List<String> patterns) {
		boolean included = true;
		for (String pattern : patterns) {
			boolean negated = pattern.startsWith("!");
			String glob = negated ? pattern.substring(1) : pattern;
			var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
			Path candidate = Path.of(path);
			boolean matches = false;
			// A pattern matching a parent folder matches everything below it.
			for (Path prefix = candidate; prefix != null; prefix = prefix.getParent()) {
				if (matcher.matches(prefix)) {
					matches = true;
					break;
				}
			}
			if (matches) {
				included = negated;
			}
		}
		return included;
	}

}
