package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.secrets.PlatformSecrets;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The secrets of a platform's data folder: made (or loaded) when the platform starts,
 * after a clean start wiped the folder; read from the folder when first needed by a
 * process that attached to a running platform.
 */
final class DataFolderSecrets implements Supplier<PlatformSecrets> {

	private final Path dataDirectory;

	/** Whether the platform runs in another process: its secrets are read, never made. */
	private final boolean attached;

	private volatile PlatformSecrets secrets;

	DataFolderSecrets(Path dataDirectory, boolean attached) {
		this.dataDirectory = dataDirectory;
		this.attached = attached;
	}

	void makeOrLoad() {
		secrets = PlatformSecrets.loadOrCreate(dataDirectory);
	}

	@Override
	public PlatformSecrets get() {
		PlatformSecrets known = secrets;
		if (known == null && !attached) {
			// Those in the folder now may be wiped by a clean start, and made anew.
			throw new IllegalStateException("The platform makes its secrets when it starts; it has not started yet");
		}
		if (known == null) {
			known = PlatformSecrets.load(dataDirectory);
			secrets = known;
		}
		return known;
	}

}
