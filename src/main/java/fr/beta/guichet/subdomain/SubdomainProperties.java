package fr.beta.guichet.subdomain;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The DNS zone that subdomains are created in. */
@Validated
@ConfigurationProperties("guichet.subdomain")
public record SubdomainProperties(@NotBlank String zone) {

    public SubdomainProperties {
        zone = zone == null || zone.isBlank() ? "beta.gouv.fr" : zone;
    }
}
