package fr.beta.guichet.metrics;

import fr.beta.guichet.support.GuichetSpringTest;

/** The metrics' SQL on H2 (the default profile's database). */
@GuichetSpringTest
class MetricsQueriesTests extends MetricsQueriesContract {
}
