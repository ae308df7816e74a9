package dev.twelvefactor.cli.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JFR recording's CPU samples are: the hottest methods by their own samples (the
 * method on top of the stack), and each library's share, on top of the stack and anywhere
 * on it. A flat profile has no method above a few percent; the libraries then say which
 * layer's many small costs add up.
 *
 * @param samples every execution sample of the recording
 * @param selfByMethod samples with the method on top, hottest first
 * @param selfByLibrary samples with a frame of the library on top
 * @param anywhereByLibrary samples with a frame of the library anywhere in the stack
 */
record HotFrames(int samples, Map<String, Integer> selfByMethod, Map<String, Integer> selfByLibrary,
		Map<String, Integer> anywhereByLibrary) {

	/**
	 * Libraries by package prefix, the first match wins: what the gateway's requests go
	 * through, from the network up to the platform's own filters.
	 */
	static final Map<String, List<String>> LIBRARIES = libraries();

	static HotFrames of(Path recording) throws IOException {
		int samples = 0;
		Map<String, Integer> selfByMethod = new LinkedHashMap<>();
		Map<String, Integer> selfByLibrary = new LinkedHashMap<>();
		Map<String, Integer> anywhereByLibrary = new LinkedHashMap<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (frames.isEmpty()) {
				continue;
			}
			samples++;
			RecordedMethod top = frames.getFirst().getMethod();
			selfByMethod.merge(top.getType().getName() + "." + top.getName(), 1, Integer::sum);
			selfByLibrary.merge(libraryOf(top.getType().getName()), 1, Integer::sum);
			Set<String> onStack = new HashSet<>();
			for (RecordedFrame frame : frames) {
				onStack.add(libraryOf(frame.getMethod().getType().getName()));
			}
			onStack.forEach(library -> anywhereByLibrary.merge(library, 1, Integer::sum));
		}
		return new HotFrames(samples, hottestFirst(selfByMethod), hottestFirst(selfByLibrary),
				hottestFirst(anywhereByLibrary));
	}

	static String libraryOf(String className) {
		for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
			if (library.getValue().stream().anyMatch(className::startsWith)) {
				return library.getKey();
			}
		}
		return "other";
	}

	/** The report: the {@code methods} hottest methods, then every library. */
	String render(int methods) {
		MarkdownTable hottest = new MarkdownTable("method (on top of the stack)", "samples", "share");
		selfByMethod.entrySet()
			.stream()
			.limit(methods)
			.forEach(method -> hottest.row(method.getKey(), method.getValue(), percent(method.getValue())));
		MarkdownTable libraries = new MarkdownTable("library", "on top of the stack", "anywhere on the stack");
		anywhereByLibrary.forEach((library, anywhere) -> libraries.row(library,
				percent(selfByLibrary.getOrDefault(library, 0)), percent(anywhere)));
		return hottest.render() + System.lineSeparator() + libraries.render();
	}

	private String percent(int count) {
		return samples == 0 ? "-" : Stats.fixed(100.0 * count / samples, 1) + " %";
	}

	private static Map<String, Integer> hottestFirst(Map<String, Integer> counts) {
		Map<String, Integer> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	private static Map<String, List<String>> libraries() {
		Map<String, List<String>> libraries = new LinkedHashMap<>();
		libraries.put("the platform's own code (dev.twelvefactor)", List.of("dev.twelvefactor."));
		libraries.put("Spring Cloud Gateway", List.of("org.springframework.cloud.gateway."));
		libraries.put("Spring Cloud LoadBalancer, CircuitBreaker, Commons",
				List.of("org.springframework.cloud.loadbalancer.", "org.springframework.cloud.client.",
						"org.springframework.cloud.circuitbreaker."));
		libraries.put("Spring Cloud refresh scope, AOP proxies",
				List.of("org.springframework.cloud.context.", "org.springframework.aop."));
		libraries.put("Spring Security", List.of("org.springframework.security."));
		libraries.put("Spring WebFlux, Web, Core", List.of("org.springframework.web.", "org.springframework.http.",
				"org.springframework.core.", "org.springframework.util.", "org.springframework.beans."));
		libraries.put("Resilience4j", List.of("io.github.resilience4j."));
		libraries.put("Bucket4j, Caffeine", List.of("io.github.bucket4j.", "com.github.benmanes.caffeine."));
		libraries.put("Micrometer (metrics, observation, tracing), Brave, Zipkin reporter",
				List.of("io.micrometer.", "brave.", "zipkin2."));
		libraries.put("Reactor Core, context propagation", List.of("reactor.core.", "reactor.util."));
		libraries.put("Reactor Netty", List.of("reactor.netty."));
		libraries.put("Netty", List.of("io.netty."));
		libraries.put("Jackson", List.of("tools.jackson.", "com.fasterxml.jackson."));
		libraries.put("Nimbus JOSE (JWT)", List.of("com.nimbusds."));
		libraries.put("logging (Logback, SLF4J)", List.of("ch.qos.logback.", "org.slf4j."));
		libraries.put("JDK regular expressions", List.of("java.util.regex."));
		libraries.put("JDK collections and concurrency", List.of("java.util."));
		libraries.put("JDK other (java., javax., jdk., sun.)", List.of("java.", "javax.", "jdk.", "sun."));
		return libraries;
	}

}
