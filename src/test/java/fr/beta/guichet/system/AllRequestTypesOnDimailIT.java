package fr.beta.guichet.system;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * {@link AllRequestTypesContract} with the mailboxes on Dimail (the application's default): the mailbox password, Dimail's
 * this time, is searched for in every column of every table, every log line, the chats and the sandbox providers.
 * A database of its own, so that the two cached contexts never run each other's jobs.
 */
@TestPropertySource(properties = {"guichet.mailboxes.provider=dimail", "guichet.dimail.sandbox-delay=2s",
        "guichet.dimail.password=SENTINEL-DIMAIL-7f3a"})
class AllRequestTypesOnDimailIT extends AllRequestTypesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "all_types_dimail_it");
    }

    /** Dimail's sandbox generates 16 characters. */
    @Override
    protected int passwordLength() {
        return 16;
    }
}
