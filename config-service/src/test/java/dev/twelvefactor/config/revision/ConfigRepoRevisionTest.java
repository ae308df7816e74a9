package dev.twelvefactor.config.revision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigRepoRevisionTest {

	@Test
	void theRevisionChangesWithAnyFileAndOnlyThen(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("application.yml"), "a: 1\n");
		Files.writeString(folder.resolve("order-service.yml"), "b: 2\n");
		String first = ConfigRepoRevision.revisionOf(folder);

		assertThat(ConfigRepoRevision.revisionOf(folder)).isEqualTo(first).hasSize(12);

		Files.writeString(folder.resolve("order-service.yml"), "b: 3\n");
		String changed = ConfigRepoRevision.revisionOf(folder);
		assertThat(changed).isNotEqualTo(first);

		Files.move(folder.resolve("order-service.yml"), folder.resolve("inventory-service.yml"));
		assertThat(ConfigRepoRevision.revisionOf(folder)).as("a renamed file is a change").isNotEqualTo(changed);
	}

}
