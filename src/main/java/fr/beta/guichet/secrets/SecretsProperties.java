package fr.beta.guichet.secrets;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the encryption key comes from: {@code key} (base64 of 32 bytes, from {@code GUICHET_SECRET_KEY}) or, for the
 * default profile only, a {@code keyFile} created on first start. Secrets older than {@code retention} are purged.
 */
@ConfigurationProperties("guichet.secrets")
public record SecretsProperties(String key, Path keyFile, Duration retention) {

    public SecretsProperties {
        retention = retention == null ? Duration.ofDays(7) : retention;
    }

    @Override
    public String toString() {
        return "SecretsProperties[key=" + (key == null || key.isBlank() ? "(none)" : "(set)") + ", keyFile=" + keyFile
                + ", retention=" + retention + "]";
    }
}
