package fr.beta.guichet.subdomain;

import org.springframework.test.context.TestPropertySource;

/**
 * The lifecycle contract of {@link SubdomainProcessTests} with the requests posted to Matrix (Tchap) instead of
 * Mattermost: the sandbox runs the live {@code MatrixChannel} against {@code MatrixFakeApi}; threads, replies,
 * ✅ and mentions are read back from the fake.
 */
@TestPropertySource(properties = "guichet.chat=matrix")
class SubdomainOnMatrixTests extends SubdomainProcessTests {
}
