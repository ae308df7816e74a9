package dev.twelvefactor.deployment;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/** The repository these tests check, read as files: no Docker engine, no cluster. */
final class Repository {

	/** Surefire runs in the module's folder; the repository root is its parent. */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

	private Repository() {
	}

	static Path path(String relative) {
		Path path = ROOT.resolve(relative).normalize();
		if (!Files.isDirectory(ROOT.resolve("config-repo")) || !Files.isRegularFile(ROOT.resolve("pom.xml"))) {
			fail(ROOT + " is not the repository root: run the tests from the deployment-tests module");
		}
		return path;
	}

	static boolean exists(String relative) {
		return Files.exists(path(relative));
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + relative, e);
		}
	}

	/**
	 * SnakeYAML with its safe constructor: plain maps, lists and scalars; YAML merge keys
	 * (<<) are resolved.
	 */
	static Yaml yamlParser() {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(200);
		return new Yaml(new SafeConstructor(options));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yamlFile(String relative) {
		Object document = yamlParser().load(read(relative));
		if (!(document instanceof Map)) {
			fail(relative + " is not a YAML mapping");
		}
		return (Map<String, Object>) document;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yamlParser().loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	/**
	 * The platform's version, from the root pom: images built from this tree carry it as
	 * their tag.
	 */
	static String projectVersion() {
		Matcher matcher = Pattern
			.compile("<artifactId>twelve-factor-platform</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(read("pom.xml"));
		if (!matcher.find()) {
			fail("No version of twelve-factor-platform in pom.xml");
		}
		return matcher.group(1);
	}

	/** A property of the root pom, e.g. postgres-binaries.version. */
	static String pomProperty(String name) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
			.matcher(read("pom.xml"));
		if (!matcher.find()) {
			fail("No property " + name + " in pom.xml");
		}
		return matcher.group(1);
	}

	/** The overlay whose Secrets come from files a script generates (git-ignored). */
	static final String DEV_OVERLAY = "k8s/overlays/dev";

	private static Path generatedCopy;

	/**
	 * {@code kubectl kustomize DIR}: what {@code kubectl apply -k DIR} would send to a
	 * cluster, rendered offline. Rendered once per folder and test run. The dev overlay
	 * is rendered in a copy of the repository's manifests where its own
	 * generate-secrets.sh has just run, as a developer or CI runs it before an apply:
	 * never with secrets a developer generated in the working tree.
	 */
	static String kustomize(String relativeDirectory) {
		return RENDERED.computeIfAbsent(relativeDirectory,
				directory -> runKustomize(directory.equals(DEV_OVERLAY) || directory.startsWith(DEV_OVERLAY + "/")
						? generatedCopy().resolve(directory) : path(directory)));
	}

	/**
	 * k8s/, config-repo/ and docker/ (what the overlays name) copied into a temporary
	 * folder without any generated secrets/ folder, then the dev overlay's
	 * generate-secrets.sh run there. Made once per test run.
	 */
	static synchronized Path generatedCopy() {
		if (generatedCopy == null) {
			try {
				Path copy = Files.createTempDirectory("deployment-tests-");
				// Throwaway keys and passwords, but keys and passwords all the same: gone
				// with the JVM.
				Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
				for (String folder : List.of("k8s", "config-repo", "docker")) {
					copyTree(path(folder), copy.resolve(folder));
				}
				Process script = new ProcessBuilder(copy.resolve(DEV_OVERLAY + "/generate-secrets.sh").toString())
					.redirectErrorStream(true)
					.start();
				String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!script.waitFor(120, TimeUnit.SECONDS) || script.exitValue() != 0) {
					fail(DEV_OVERLAY + "/generate-secrets.sh failed:\n" + output);
				}
				generatedCopy = copy;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		return generatedCopy;
	}

	private static void copyTree(Path source, Path target) throws IOException {
		Path generated = path(DEV_OVERLAY + "/secrets");
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path file : paths.filter(p -> !p.startsWith(generated)).toList()) {
				Path destination = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			// Best effort: a temporary folder left behind is no failure of the tests.
		}
	}

	private static String runKustomize(Path directory) {
		String relativeDirectory = directory.toString();
		ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", directory.toString())
			.redirectErrorStream(false);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException e) {
			return fail("kubectl is not installed or not on the PATH (" + e.getMessage() + "). These tests render the "
					+ "Kubernetes manifests with `kubectl kustomize`, offline; install kubectl (GitHub's runners have it).");
		}
		try {
			var stdout = process.getInputStream();
			var stderr = process.getErrorStream();
			// Both streams at once, so that a full stderr pipe cannot block kubectl.
			byte[][] streams = new byte[2][];
			Thread out = Thread.ofVirtual().start(() -> streams[0] = readAll(stdout));
			Thread err = Thread.ofVirtual().start(() -> streams[1] = readAll(stderr));
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return fail("kubectl kustomize " + relativeDirectory + " did not finish within 120 s");
			}
			out.join();
			err.join();
			if (process.exitValue() != 0) {
				return fail("kubectl kustomize " + relativeDirectory + " failed:\n"
						+ new String(streams[1], StandardCharsets.UTF_8));
			}
			return new String(streams[0], StandardCharsets.UTF_8);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static byte[] readAll(InputStream stream) {
		try {
			return stream.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
