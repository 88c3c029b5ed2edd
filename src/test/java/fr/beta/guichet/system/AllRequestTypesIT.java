package fr.beta.guichet.system;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/** {@link AllRequestTypesContract} with the mailboxes on OVH (the integration profile's mail provider). */
class AllRequestTypesIT extends AllRequestTypesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "all_types_it");
    }
}
