package fr.beta.guichet.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * In the {@code prod} profile, stops the start before anything else when a mandatory setting is missing, naming
 * its environment variable. Without it Spring's configuration binding keeps an unresolved {@code ${VAR}} as
 * text: the first admin would get the literal password {@code ${GUICHET_ADMIN_PASSWORD}}. A setting given another
 * way (a command-line argument, as the benchmark does) counts as set. Live providers check their own credentials
 * when their client is created ({@code requireLiveCredentials}).
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    /** Property of application-prod.yaml → the environment variable it reads; blank allowed only where said. */
    static final Map<String, String> MANDATORY = mandatory();
    private static final List<String> MAY_BE_BLANK = List.of("spring.datasource.password");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        MANDATORY.forEach((property, variable) -> {
            String value;
            try {
                value = environment.getProperty(property);
            } catch (IllegalArgumentException unresolved) {
                value = null;
            }
            if (value == null || (!MAY_BE_BLANK.contains(property) && !StringUtils.hasText(value))) {
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    private static Map<String, String> mandatory() {
        var map = new LinkedHashMap<String, String>();
        map.put("spring.datasource.url", "DB_URL");
        map.put("spring.datasource.username", "DB_USER");
        map.put("spring.datasource.password", "DB_PASSWORD");
        map.put("camunda.bpm.admin-user.id", "GUICHET_ADMIN_USER");
        map.put("camunda.bpm.admin-user.password", "GUICHET_ADMIN_PASSWORD");
        map.put("guichet.secrets.key", "GUICHET_SECRET_KEY");
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The variables that are missing, by name (never a value). */
    public static class MissingSettingsException extends IllegalStateException {

        private final List<String> variables;

        MissingSettingsException(List<String> variables) {
            super("The prod profile needs these environment variables: " + String.join(", ", variables));
            this.variables = List.copyOf(variables);
        }

        public List<String> variables() {
            return variables;
        }
    }

    /** Turns the exception into Spring Boot's « APPLICATION FAILED TO START » report. */
    public static class MissingSettingsAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
            return new FailureAnalysis("Missing environment variable(s) for the prod profile: "
                    + String.join(", ", cause.variables()),
                    "Set " + String.join(", ", cause.variables()) + " (see the README, section Production, and docker-compose.yml).",
                    cause);
        }
    }
}
