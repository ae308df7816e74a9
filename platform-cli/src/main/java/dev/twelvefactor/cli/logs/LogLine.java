package dev.twelvefactor.cli.logs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One line an instance wrote: an ECS JSON line (what the services write on stdout, which
 * the launcher keeps in {@code logs/<instance>.log}), or any other line, kept as it is.
 *
 * @param time when it was written; for a line that is no JSON, the time of the line
 * before it in the same file
 * @param instance the instance that wrote it ({@code order-service-1})
 * @param traceId the trace of the request it was written for, empty if none
 * @param text the line as a person reads it
 */
record LogLine(Instant time, String instance, String traceId, String text) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
		.withZone(ZoneId.systemDefault());

	/** {@code after}: the time of the line before, for a line that carries none. */
	static LogLine parse(String instance, String raw, Instant after) {
		if (raw.startsWith("{")) {
			try {
				return fromJson(instance, JSON.readTree(raw), after);
			}
			catch (JacksonException | DateTimeParseException notEcs) {
				// kept as it is, below
			}
		}
		return new LogLine(after, instance, "", "%s %-20s %s".formatted(CLOCK.format(after), instance, raw));
	}

	private static LogLine fromJson(String instance, JsonNode line, Instant after) {
		String timestamp = line.path("@timestamp").asString("");
		Instant time = timestamp.isEmpty() ? after : Instant.parse(timestamp);
		String logger = line.path("log").path("logger").asString("");
		String traceId = line.path("trace.id").asString(line.path("trace").path("id").asString(""));
		StringBuilder text = new StringBuilder("%s %-20s %-5s %s %s".formatted(CLOCK.format(time), instance,
				line.path("log").path("level").asString(""), logger.substring(logger.lastIndexOf('.') + 1),
				line.path("message").asString("")));
		if (!traceId.isEmpty()) {
			text.append("  [trace ").append(traceId).append(']');
		}
		String stackTrace = line.path("error").path("stack_trace").asString("");
		if (!stackTrace.isEmpty()) {
			text.append(System.lineSeparator()).append(stackTrace.stripTrailing());
		}
		return new LogLine(time, instance, traceId, text.toString());
	}

}
