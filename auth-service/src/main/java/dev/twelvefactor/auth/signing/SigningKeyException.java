package dev.twelvefactor.auth.signing;

import java.nio.file.Path;

/**
 * The signing key cannot be used; thrown at startup, so an instance that could not sign a
 * token never starts.
 */
public class SigningKeyException extends IllegalStateException {

	private final Path path;

	SigningKeyException(Path path, String message, Throwable cause) {
		super(message, cause);
		this.path = path;
	}

	/** The file that was read, or {@code null} when no file was configured. */
	public Path path() {
		return path;
	}

}
