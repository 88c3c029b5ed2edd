package fr.beta.guichet.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/** AES-256-GCM with a random 96-bit IV per secret; the reference is bound as associated data. */
@Component
class SecretCipher {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(SecretsProperties properties) {
        this.key = new SecretKeySpec(loadKey(properties), "AES");
    }

    Sealed seal(String reference, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(reference.getBytes(StandardCharsets.UTF_8));
            return new Sealed(iv, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    String open(String reference, Sealed sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            cipher.updateAAD(reference.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of " + reference + " (key changed?)", e);
        }
    }

    record Sealed(byte[] iv, byte[] ciphertext) {
    }

    private byte[] loadKey(SecretsProperties properties) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return checked(Base64.getDecoder().decode(properties.key().strip()));
        }
        if (properties.keyFile() == null) {
            throw new IllegalStateException("Set GUICHET_SECRET_KEY (base64 of 32 random bytes, e.g. "
                    + "`openssl rand -base64 32`) to encrypt one-time secrets");
        }
        try {
            var file = properties.keyFile();
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on non-POSIX file systems
                }
            }
            return checked(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file", e);
        }
    }

    private static byte[] checked(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("GUICHET_SECRET_KEY must be 32 bytes (base64), got " + key.length);
        }
        return key;
    }
}
