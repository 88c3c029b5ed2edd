package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.provider.ConnectHttpTransport;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.support.GuichetSpringTest;

/** {@code /actuator/prometheus}: the named series, for managers and the scrape token only. */
@GuichetSpringTest
class PrometheusEndpointTests {

    private static final String PROMETHEUS = "/actuator/prometheus";

    @Autowired MockMvc mvc;

    @Test
    void managersReadTheRequestJobAndProviderSeries() throws Exception {
        var transport = new ConnectHttpTransport("ovh", Duration.ofMillis(300), Duration.ofMillis(300));
        assertThatThrownBy(() -> transport.send("GET", "http://127.0.0.1:9/domain/zone", Map.of(), null))
                .isInstanceOf(ProviderUnavailableException.class);

        String text = mvc.perform(get(PROMETHEUS).with(user("manon")
                        .authorities(new SimpleGrantedAuthority("GROUP_managers"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("guichet_requests_open{", "state=\"claim\"", "type=\"request-subdomain\"")
                .contains("type=\"request-sentry\"")
                .contains("guichet_requests_overdue{")
                .containsPattern("guichet_requests_waiting_requester\\{[^}]*type=\"request-subdomain\"[^}]*} \\d")
                .contains("guichet_incidents_open{")
                .contains("guichet_escalations_total{")
                .contains("guichet_reminders_total{")
                .contains("guichet_jobs_executable ", "guichet_jobs_failed ")
                .contains("guichet_jobs_successful_total ", "guichet_jobs_execution_failed_total ",
                        "guichet_jobs_rejected_total ")
                .contains("guichet_provider_calls_seconds_count{")
                .contains("method=\"GET\"", "outcome=\"io_error\"", "provider=\"ovh\"")
                .contains("guichet_provider_calls_seconds_bucket{")
                .contains("guichet_provider_errors_total{");
    }

    @Test
    void theScrapeTokenOpensTheEndpointAndNothingElse() throws Exception {
        mvc.perform(get(PROMETHEUS).header("Authorization", "Bearer test-scrape-token")).andExpect(status().isOk());
        mvc.perform(get(PROMETHEUS).header("Authorization", "Bearer wrong-token")).andExpect(status().isUnauthorized());
        mvc.perform(get("/metriques").header("Authorization", "Bearer test-scrape-token"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void anonymousAndRequestersAreRefused() throws Exception {
        mvc.perform(get(PROMETHEUS)).andExpect(status().isUnauthorized());
        mvc.perform(get(PROMETHEUS).with(user("alice"))).andExpect(status().isForbidden());
    }
}
