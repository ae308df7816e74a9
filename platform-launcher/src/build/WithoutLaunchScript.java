import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies an executable jar without the shell script before its first entry: Zipkin's jar
 * from Maven Central starts with one, and Spring Boot's jar tools refuse to extract such a
 * jar. Entries keep their order and method (nested jars stay stored, as Spring Boot needs
 * them). Run by platform-launcher's build as a source-file program: {@code java
 * WithoutLaunchScript.java SOURCE TARGET}.
 */
class WithoutLaunchScript {

	public static void main(String[] args) throws IOException {
		Path target = Path.of(args[1]);
		Files.createDirectories(target.getParent());
		try (ZipFile source = new ZipFile(args[0]);
				ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry : source.stream().toList()) {
				ZipEntry copied = new ZipEntry(entry.getName());
				copied.setMethod(entry.getMethod());
				copied.setTime(entry.getTime());
				if (entry.getMethod() == ZipEntry.STORED) {
					copied.setSize(entry.getSize());
					copied.setCompressedSize(entry.getCompressedSize());
					copied.setCrc(entry.getCrc());
				}
				copy.putNextEntry(copied);
				try (InputStream content = source.getInputStream(entry)) {
					content.transferTo(copy);
				}
				copy.closeEntry();
			}
		}
	}

}
