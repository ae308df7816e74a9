package dev.twelvefactor.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One example of an API between two services, read from {@code contracts/}: both the
 * provider's and the consumer's tests run every example, so neither side can change the
 * API alone.
 *
 * @param meaning what the consumer must understand the answer as
 */
public record Contract(String name, String description, List<Request> before, Request request, Response response,
		String meaning) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public Contract {
		before = before == null ? List.of() : List.copyOf(before);
	}

	public record Request(String method, String path, JsonNode body) {

		public String bodyJson() {
			return body == null ? null : JSON.writeValueAsString(body);
		}
	}

	public record Response(int status, JsonNode body) {

		public String bodyJson() {
			return body == null ? null : JSON.writeValueAsString(body);
		}
	}

	/** Every contract in {@code folder}, named after its file. */
	public static List<Contract> load(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(file -> file.toString().endsWith(".json")).sorted().map(Contract::read).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Contract read(Path file) {
		Contract contract = JSON.readValue(file.toFile(), Contract.class);
		String name = file.getFileName().toString().replace(".json", "");
		return new Contract(name, contract.description(), contract.before(), contract.request(), contract.response(),
				contract.meaning());
	}

	@Override
	public String toString() {
		return name;
	}
}
