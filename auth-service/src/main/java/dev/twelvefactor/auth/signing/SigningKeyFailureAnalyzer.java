package dev.twelvefactor.auth.signing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what is wrong with the signing key and how to fix it, in place of the bean
 * creation stack trace a missing key would otherwise end in.
 */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Point AUTH_SIGNING_KEY_PATH at a file holding an unencrypted RSA private key (PKCS#8 PEM, at least "
						+ SigningKeys.MIN_BITS + " bits) readable by this process, for example one written by "
						+ "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out signing-key.pem. "
						+ "Every replica must read the same key.",
				cause);
	}

}
