package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The prod start check on environments shaped like application-prod.yaml's placeholders. */
class ProductionSettingsCheckTests {

    private final ProductionSettingsCheck check = new ProductionSettingsCheck();

    /** application-prod.yaml's placeholders, with the variables set. */
    private static MockEnvironment prod() {
        var env = new MockEnvironment();
        env.setActiveProfiles("prod");
        ProductionSettingsCheck.MANDATORY.forEach((property, variable) -> {
            env.setProperty(property, "${" + variable + "}");
            env.setProperty(variable, "value-of-" + variable);
        });
        return env;
    }

    @Test
    void passesWhenEveryVariableIsSet() {
        assertThatCode(() -> check.postProcessEnvironment(prod(), new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void namesEveryMissingOrBlankVariableAndNeverAValue() {
        var withoutTwo = new MockEnvironment();
        withoutTwo.setActiveProfiles("prod");
        ProductionSettingsCheck.MANDATORY.forEach((property, variable) -> {
            withoutTwo.setProperty(property, "${" + variable + "}");
            if (!variable.equals("GUICHET_ADMIN_PASSWORD")) {
                withoutTwo.setProperty(variable, variable.equals("GUICHET_SECRET_KEY") ? " " : "value-of-" + variable);
            }
        });
        assertThatThrownBy(() -> check.postProcessEnvironment(withoutTwo, new SpringApplication()))
                .isInstanceOf(ProductionSettingsCheck.MissingSettingsException.class)
                .hasMessage("The prod profile needs these environment variables: GUICHET_ADMIN_PASSWORD, "
                        + "GUICHET_SECRET_KEY")
                .message().doesNotContain("value-of-");
    }

    @Test
    void anEmptyDatabasePasswordIsAllowedButNotAMissingOne() {
        var empty = prod();
        empty.setProperty("DB_PASSWORD", "");
        assertThatCode(() -> check.postProcessEnvironment(empty, new SpringApplication())).doesNotThrowAnyException();

        var missing = new MockEnvironment();
        missing.setActiveProfiles("prod");
        ProductionSettingsCheck.MANDATORY.forEach((property, variable) -> {
            missing.setProperty(property, "${" + variable + "}");
            if (!variable.equals("DB_PASSWORD")) {
                missing.setProperty(variable, "x");
            }
        });
        assertThatThrownBy(() -> check.postProcessEnvironment(missing, new SpringApplication()))
                .hasMessageEndingWith(": DB_PASSWORD");
    }

    @Test
    void aSettingGivenAnotherWayCountsAsSet() {
        var env = prod();
        env.setProperty("camunda.bpm.admin-user.password", "from-the-command-line");
        env.setProperty("GUICHET_ADMIN_PASSWORD", "");
        assertThatCode(() -> check.postProcessEnvironment(env, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAreNotChecked() {
        var env = new MockEnvironment();
        env.setActiveProfiles("it");
        env.setProperty("camunda.bpm.admin-user.password", "${GUICHET_ADMIN_PASSWORD}");
        assertThatCode(() -> check.postProcessEnvironment(env, new SpringApplication())).doesNotThrowAnyException();
        assertThat(ProductionSettingsCheck.MANDATORY).hasSize(6);
    }
}
