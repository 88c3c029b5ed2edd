package fr.beta.guichet.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/** « Mon compte »: each person sets their own chat identities, validated, with French errors. */
@GuichetSpringTest
class AccountTests {

    private static final String BOB_TCHAP = "@bob-beta.gouv.fr:agent.dinum.tchap.gouv.fr";

    @Autowired MockMvc mvc;
    @Autowired ChatIdentities identities;

    @AfterEach
    void restoreBob() {
        identities.set("bob", new ChatIdentities.Identity(BOB_TCHAP, "bob"));
    }

    @Test
    void demoUsersHaveSeededIdentitiesShownOnTheirPageAndOnTheRegistry() throws Exception {
        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(BOB_TCHAP, "bob"));
        mvc.perform(get("/mon-compte").with(user("bob"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + BOB_TCHAP + "\"")));
        mvc.perform(get("/qui-a-acces").with(user("bob"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Tchap @florian-beta.gouv.fr:agent.dinum.tchap.gouv.fr")));
    }

    @Test
    void aPersonSetsValidIdentifiers() throws Exception {
        mvc.perform(post("/mon-compte").with(user("bob")).with(csrf())
                        .param("matrixUserId", " @bob.leponge-numerique.gouv.fr:agent.dinum.tchap.gouv.fr ")
                        .param("mattermostUsername", "@Bob.Leponge"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/mon-compte"));

        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(
                "@bob.leponge-numerique.gouv.fr:agent.dinum.tchap.gouv.fr", "bob.leponge"));
        assertThat(identities.mention("bob").matrixUserId())
                .isEqualTo("@bob.leponge-numerique.gouv.fr:agent.dinum.tchap.gouv.fr");
    }

    @Test
    void emptyFieldsRemoveTheIdentifiersAndMentionsFallBackToTheName() throws Exception {
        mvc.perform(post("/mon-compte").with(user("bob")).with(csrf()).param("matrixUserId", "")
                .param("mattermostUsername", "")).andExpect(status().isFound());

        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(null, null));
        var mention = identities.mention("bob");
        assertThat(mention.name()).isEqualTo("bob");
        assertThat(mention.matrixUserId()).isNull();
        assertThat(mention.mattermostUsername()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "bob:tchap.gouv.fr", "@bob", "@Bob:tchap.gouv.fr", "@bob:", "@b ob:tchap.gouv.fr",
            "@bob:tchap.gouv.fr\"><script>", "@room", "@bob:-tchap.gouv.fr"})
    void anInvalidTchapIdentifierIsRefusedInFrenchAndNothingChanges(String typed) throws Exception {
        mvc.perform(post("/mon-compte").with(user("bob")).with(csrf()).param("matrixUserId", typed)
                        .param("mattermostUsername", "autre.nom"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Identifiant Tchap invalide")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(not(containsString("<script>"))));

        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(BOB_TCHAP, "bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "1bob", "bob!", "bob leponge", "a-very-long-username-over-22"})
    void anInvalidMattermostUsernameIsRefusedInFrench(String typed) throws Exception {
        mvc.perform(post("/mon-compte").with(user("bob")).with(csrf()).param("matrixUserId", "")
                        .param("mattermostUsername", typed))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nom d&#39;utilisateur Mattermost invalide")));
        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(BOB_TCHAP, "bob"));
    }

    @Test
    void onlyThePersonChangesTheirOwn() throws Exception {
        var aliceBefore = identities.of("alice");
        // there is no user in the URL or the form: a posted "userId" is ignored, alice's own identity changes
        mvc.perform(post("/mon-compte").with(user("alice")).with(csrf()).param("userId", "bob")
                .param("matrixUserId", "@mallory:evil.example").param("mattermostUsername", "mallory"))
                .andExpect(status().isFound());
        assertThat(identities.of("bob")).isEqualTo(new ChatIdentities.Identity(BOB_TCHAP, "bob"));
        assertThat(identities.of("alice").matrixUserId()).isEqualTo("@mallory:evil.example");
        identities.set("alice", aliceBefore);

        mvc.perform(post("/mon-compte").with(user("bob")).param("matrixUserId", "@x:y.fr"))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(get("/mon-compte")).andExpect(status().isFound()); // not logged in: to the login page
    }
}
