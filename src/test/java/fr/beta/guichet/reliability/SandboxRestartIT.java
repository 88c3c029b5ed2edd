package fr.beta.guichet.reliability;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/** {@link SandboxRestartTests}' scenario on PostgreSQL: the sandbox state and the requests survive a restart. */
class SandboxRestartIT {

    @Test
    void requestsLeftAtEveryWaitStateFinishAfterARestartOnPostgresql() {
        SandboxRestartTests.restartScenario(EmbeddedPostgresDatabase.jdbcUrl("sandbox_restart_it"), "postgres");
    }
}
