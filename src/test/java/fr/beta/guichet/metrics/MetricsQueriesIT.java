package fr.beta.guichet.metrics;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/** The metrics' SQL on PostgreSQL (production's database), the job executor off so the test drives every job. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("it")
class MetricsQueriesIT extends MetricsQueriesContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry, "metrics_it");
    }
}
