package fr.beta.guichet.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.beta.guichet.support.GuichetSpringTest;

/** Issue 21 (« Also »): the startup log lists the platform admin with the demo users, never a password of theirs. */
@GuichetSpringTest
class DemoUsersLogTests {

    @Autowired IdentitySetup setup;

    @Test
    void theStartupLogListsTheAdminToo() {
        assertThat(setup.demoUsersLine()).contains("alice", "manon")
                .containsPattern("\\n  admin\\s+camunda-admin \\(mot de passe : GUICHET_ADMIN_PASSWORD\\)");
    }
}
