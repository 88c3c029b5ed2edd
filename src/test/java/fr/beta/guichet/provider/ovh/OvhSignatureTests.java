package fr.beta.guichet.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reference values from python-ovh {@code tests/test_client.py}. */
class OvhSignatureTests {

    private static final String APPLICATION_SECRET = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
    private static final String CONSUMER_KEY = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
    private static final long TIMESTAMP = 1457018875L;
    private static final String URL = "https://eu.api.ovh.com/1.0/auth";

    @Test
    void getWithoutBodyMatchesPythonOvhVector() {
        assertThat(OvhSignature.sign(APPLICATION_SECRET, CONSUMER_KEY, "GET", URL, "", TIMESTAMP))
                .isEqualTo("$1$e9556054b6309771395efa467c22e627407461ad");
    }

    @Test
    void postWithCompactJsonBodyMatchesPythonOvhVector() {
        assertThat(OvhSignature.sign(APPLICATION_SECRET, CONSUMER_KEY, "POST", URL, "{\"a\":\"b\",\"c\":\"d\"}",
                TIMESTAMP))
                .isEqualTo("$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1");
    }

    @Test
    void missingBodyIsSignedAsEmptyBody() {
        assertThat(OvhSignature.sign(APPLICATION_SECRET, CONSUMER_KEY, "GET", URL, null, TIMESTAMP))
                .isEqualTo("$1$e9556054b6309771395efa467c22e627407461ad");
    }
}
