import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * auth-service's signing key for docker compose, which cannot generate files itself: a one-shot container runs
 * {@code java -cp /app/tools SigningKey /var/lib/platform/keys/auth-signing-key.pem} before auth-service starts. When
 * the file is missing it writes a new RSA 3072 private key there, PKCS#8 PEM, readable by its owner only (0600); when
 * the file exists it is kept (every restart signs with the same key, so issued tokens stay valid) after checking
 * that it is such a key. Exit code 0: the key is there and usable; 1: it is not. The JRE image has no openssl or
 * keytool that could do this, and the JVM it has is enough.
 */
public final class SigningKey {

    private static final int BITS = 3072;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: java SigningKey FILE");
            System.exit(1);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                check(file);
                System.out.println(file + ": kept the existing RSA key");
            }
            else {
                create(file);
                System.out.println(file + ": created a new RSA " + BITS + " key");
            }
            System.exit(0);
        }
        catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println(file + ": " + e);
            System.exit(1);
        }
    }

    /**
     * Written to a temporary file of the same folder, created owner-only, then moved into place in one step: the key
     * is never readable by others, and a crash never leaves half a key behind that the next run would keep.
     */
    static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(BITS);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        Path temporary = Files.createTempFile(file.getParent(), ".signing-key", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, pem(pkcs8), StandardCharsets.US_ASCII);
            // No REPLACE_EXISTING: a key another run created meanwhile wins, and is then checked like any existing one.
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException raced) {
            check(file);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** An existing file must be an RSA private key of at least 3072 bits in PKCS#8 PEM, and private to its owner. */
    static void check(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("not a regular file");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalArgumentException(
                    "readable by others (" + PosixFilePermissions.toString(permissions) + "): chmod 600 it");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IllegalArgumentException("not a PKCS#8 PEM private key (" + begin + ")");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!(key instanceof RSAPrivateCrtKey rsa) || rsa.getModulus().bitLength() < BITS) {
            throw new IllegalArgumentException("not an RSA key of at least " + BITS + " bits");
        }
    }

    static String pem(byte[] pkcs8) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

}
