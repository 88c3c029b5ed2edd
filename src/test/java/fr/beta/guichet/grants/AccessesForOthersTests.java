package fr.beta.guichet.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.provider.dockerhub.DockerHubFakeApi;
import fr.beta.guichet.provider.dockerhub.MembershipResult;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Issue 21, items 10, 11 and 15 (registry): « Mes accès » lists the accesses a person asked for others with their
 * holder, a grant is linked to a user by any address they have, a Docker Hub invitation shows « invitation
 * envoyée » until accepted, and the registry and its CSV speak French.
 */
@GuichetSpringTest
class AccessesForOthersTests {

    @Autowired MockMvc mvc;
    @Autowired AccessGrants grants;
    @Autowired GrantInvitations invitations;
    @Autowired DockerHubClient dockerHub;
    @Autowired ProviderTransports transports;

    @Test
    void aRequesterSeesWhatTheyAskedForOthersWithTheirHolder() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String carol = "carol-" + id + "@example.org";
        // bob files a mailbox and a Matomo access for carol, and a redirection of a new address to his own
        grants.recordDone("MEL-T-" + id, "ops-ovh", "carol." + id + "@beta.gouv.fr", null, "mailbox",
                "carol." + id + "@beta.gouv.fr", "beta.gouv.fr carol." + id, "boîte", "bob", false);
        grants.recordDone("MAT-T-" + id, "ops-matomo", carol, null, "matomo", "https://site-" + id + ".example",
                carol + " https://site-" + id + ".example", "write", "bob", false);
        String redirected = "bob.pro-" + id + "@beta.gouv.fr";
        grants.recordDone("RED-T-" + id, "ops-ovh", redirected, null, "redirection",
                redirected + " → bob@beta.gouv.fr", "beta.gouv.fr " + redirected + " bob@beta.gouv.fr", "redirection",
                "bob", false);

        Document page = page("/mes-acces", "bob");
        String others = page.select("#acces-pour-d-autres").text();
        assertThat(others).contains("carol." + id + "@beta.gouv.fr", carol, "https://site-" + id + ".example", "écriture")
                .doesNotContain(redirected).doesNotContain("write");
        // the redirection goes to bob's address: it is his, linked to him by that address
        assertThat(page.select("table").first().text()).contains(redirected);
        AccessGrant redirection = grants.byRequest("RED-T-" + id).orElseThrow();
        assertThat(redirection.personUser()).isEqualTo("bob");
        // a later Matomo access at the redirected address is bob's too (any address he has)
        grants.recordDone("MAT-U-" + id, "ops-matomo", redirected, null, "matomo", "https://other-" + id + ".example",
                redirected + " https://other-" + id + ".example", "view", "alice", false);
        assertThat(grants.byRequest("MAT-U-" + id).orElseThrow().personUser()).isEqualTo("bob");
        assertThat(page("/mes-acces", "bob").select("table").first().text()).contains("https://other-" + id + ".example");
        // carol's grant page is open to bob, who asked for it; not to another requester
        AccessGrant matomo = grants.byRequest("MAT-T-" + id).orElseThrow();
        mvc.perform(get("/mes-acces/" + matomo.id()).with(user("bob"))).andExpect(status().isOk());
        mvc.perform(get("/mes-acces/" + matomo.id()).with(user("alice"))).andExpect(status().isNotFound());

        // the registry names the holder found by address, in French; so does its CSV
        Document registry = page("/acces?personne=" + redirected, "manon");
        String row = registry.select("tr[data-grant=" + redirection.id() + "]").text();
        assertThat(row).contains("bob", "actif");
        String csv = mvc.perform(get("/acces/export.csv").param("personne", id).with(user("manon")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(";bob;Redirection;", ";Boîte mail;", "écriture", ";actif;")
                .doesNotContain(";mailbox;", ";ACTIVE;", ";write;", ";matomo;");
    }

    @Test
    void aPendingDockerHubInvitationShowsInvitationSentUntilAccepted() throws Exception {
        String dockerId = "inv" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        assertThat(dockerHub.addMember("developers", dockerId)).isEqualTo(MembershipResult.INVITED);
        String providerId = "developers " + dockerId;
        assertThat(invitations.pending("dockerhub", providerId)).isTrue();
        grants.recordDone("DKR-T-" + dockerId, "ops-dockerhub", "alice@beta.gouv.fr", "alice", "dockerhub",
                "équipe developers (Docker ID " + dockerId + ")", providerId, "membre", "alice",
                invitations.pending("dockerhub", providerId));
        AccessGrant grant = grants.byRequest("DKR-T-" + dockerId).orElseThrow();

        assertThat(page("/mes-acces", "alice").select("tr[data-grant=" + grant.id() + "]").text())
                .contains("invitation envoyée").doesNotContain("actif");
        assertThat(page("/mes-acces/" + grant.id(), "alice").text()).contains("invitation envoyée");

        // not accepted yet: the refresh changes nothing
        invitations.refresh();
        assertThat(grants.byId(grant.id()).orElseThrow().invitationPending()).isTrue();

        DockerHubFakeApi fake = transports.sandboxFakes().stream().filter(DockerHubFakeApi.class::isInstance)
                .map(DockerHubFakeApi.class::cast).findFirst().orElseThrow();
        assertThat(fake.acceptInvite(dockerId)).isTrue();
        assertThat(invitations.refresh()).isGreaterThanOrEqualTo(1);
        assertThat(page("/mes-acces", "alice").select("tr[data-grant=" + grant.id() + "]").text())
                .contains("actif").doesNotContain("invitation envoyée");
        // a member from the start is never shown as invited
        assertThat(invitations.pending("dockerhub", "developers totakoko")).isFalse();
    }

    private Document page(String url, String who) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }
}
