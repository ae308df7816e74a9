package dev.twelvefactor.config;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Git backend, chosen by environment variables alone (CONFIG_BACKEND=git,
 * CONFIG_GIT_URI, CONFIG_GIT_BRANCH), against a real Git repository made for the test,
 * with the settings in a config-repo/ folder as in this project.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CONFIG_BACKEND=git", "CONFIG_GIT_BRANCH=release", "eureka.client.enabled=false",
				"management.server.port=0", "CONFIG_PASSWORD=config-secret", "MONITORING_PASSWORD=m",
				"ADMIN_PASSWORD=a" })
@AutoConfigureRestTestClient
class GitBackendTest {

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) throws Exception {
		Path repository = Files.createTempDirectory("config-git");
		Files.createDirectories(repository.resolve("config-repo"));
		Files.writeString(repository.resolve("config-repo/order-service.yml"), "orders:\n  max-lines: 7\n");
		try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("release").call()) {
			git.add().addFilepattern(".").call();
			git.commit().setMessage("settings").setAuthor("test", "test@example.org").setSign(false).call();
		}
		registry.add("CONFIG_GIT_URI", () -> repository.toUri().toString());
	}

	@Test
	void servesTheCommittedSettingsWithTheirRevision() {
		http.get()
			.uri("/order-service/default")
			.headers(headers -> headers.setBasicAuth("config", "config-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isNotEmpty()
			.jsonPath("$.propertySources[0].source['orders.max-lines']")
			.isEqualTo(7);
	}

}
