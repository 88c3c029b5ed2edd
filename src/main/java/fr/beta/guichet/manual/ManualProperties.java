package fr.beta.guichet.manual;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param catalogue where the declared types are read: {@code classpath:manual-requests.yaml} (the file of the
 *                  repository) by default; in production a file, {@code GUICHET_MANUAL_CATALOGUE=file:/etc/…yaml}
 */
@ConfigurationProperties("guichet.manual")
record ManualProperties(String catalogue) {

    static final String DEFAULT = "classpath:manual-requests.yaml";

    ManualProperties {
        catalogue = catalogue == null || catalogue.isBlank() ? DEFAULT : catalogue.strip();
    }
}
