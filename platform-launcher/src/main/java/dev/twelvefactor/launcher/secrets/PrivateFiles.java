package dev.twelvefactor.launcher.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read (POSIX mode 0600). The mode is set when the file is
 * created, not after: a file first created with the default mode and narrowed later could
 * be opened by anyone in between. Written whole or not at all (a temporary file moved
 * into place), so that a crash never leaves half a secret.
 */
public final class PrivateFiles {

	private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE);

	private PrivateFiles() {
	}

	/**
	 * Writes {@code content} to {@code file}, replacing it, owner-only from the start.
	 */
	public static void write(Path file, String content) {
		moveIntoPlace(file, content, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Creates {@code file} with {@code content}, owner-only from the start, unless it
	 * exists: whether it was created. A file made meanwhile by another process is kept.
	 */
	public static boolean create(Path file, String content) {
		try {
			moveIntoPlace(file, content);
			return true;
		}
		catch (UncheckedIOException e) {
			if (e.getCause() instanceof FileAlreadyExistsException) {
				return false;
			}
			throw e;
		}
	}

	private static void moveIntoPlace(Path file, String content, CopyOption... options) {
		Path directory = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(directory);
			Path temporary = isPosix() ? Files.createTempFile(directory, ".new-", ".tmp", ownerOnly())
					: Files.createTempFile(directory, ".new-", ".tmp");
			try {
				Files.writeString(temporary, content);
				Files.move(temporary, file, options);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write " + file, e);
		}
	}

	/**
	 * Refuses a file that others than its owner may read or change, as ssh refuses a key
	 * others can read: its secrets may have been seen, or replaced.
	 */
	public static void requireOwnerOnly(Path file) {
		if (!isPosix()) {
			return;
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			if (!OWNER_ONLY.containsAll(permissions)) {
				throw new IllegalStateException(file + " is accessible to others than its owner (mode "
						+ PosixFilePermissions.toString(permissions) + "): check who saw it, then chmod 600 " + file);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the permissions of " + file, e);
		}
	}

	private static boolean isPosix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
		return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
	}

}
