package fr.beta.guichet.grants;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

import fr.beta.guichet.offboarding.Departures;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * « Mes accès », the registry and « Départs » for each role: a person sees their own, an admin their groups', a
 * manager all (and the CSV); another person's grant or departure answers 404; a requester offboards only themself.
 */
@GuichetSpringTest
class AccessPagesTests {

    @Autowired MockMvc mvc;
    @Autowired AccessGrants grants;
    @Autowired Departures departures;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    private AccessGrant alices;
    private AccessGrant bobs;

    @BeforeEach
    void grants() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        alices = grants.register("hussardnum", "alice@beta.gouv.fr", "mailbox", "ops-ovh", "alice-" + id + "@beta.gouv.fr",
                "beta.gouv.fr alice-" + id, "boîte");
        bobs = grants.register("jerome", "bob@beta.gouv.fr", "dockerhub", "ops-dockerhub", "équipe bob-" + id,
                "developers bob" + id, "membre");
    }

    @Test
    void everyoneSeesTheirOwnAccessesAndAnotherPersonsAnswers404() throws Exception {
        mvc.perform(get("/mes-acces").with(user("alice"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(alices.resource())))
                .andExpect(content().string(not(containsString(bobs.resource()))))
                .andExpect(content().string(containsString("lang=\"fr\"")));
        mvc.perform(get("/mes-acces/" + alices.id()).with(user("alice"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("enregistré par hussardnum")));
        mvc.perform(get("/mes-acces/" + bobs.id()).with(user("alice"))).andExpect(status().isNotFound());
        mvc.perform(get("/mes-acces/" + bobs.id()).with(user("jerome"))).andExpect(status().isOk());
        mvc.perform(get("/mes-acces/" + bobs.id()).with(user("hussardnum"))).andExpect(status().isNotFound());
        mvc.perform(get("/mes-acces/" + bobs.id()).with(user("manon"))).andExpect(status().isOk());
        mvc.perform(get("/mes-acces/unknown").with(user("manon"))).andExpect(status().isNotFound());
    }

    @Test
    void theRegistryIsForAdminsTheirGroupsAndManagersAll() throws Exception {
        mvc.perform(get("/acces").with(user("alice"))).andExpect(status().isForbidden());
        mvc.perform(get("/acces").with(user("jerome"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(bobs.resource())))
                .andExpect(content().string(not(containsString(alices.resource()))));
        mvc.perform(get("/acces").param("personne", "bob@beta.gouv.fr").with(user("manon"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(bobs.resource())))
                .andExpect(content().string(not(containsString(alices.resource()))));
        mvc.perform(get("/acces").param("etat", "NOPE").with(user("manon"))).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("État inconnu")));
        String csv = mvc.perform(get("/acces/export.csv").param("type", "mailbox").with(user("manon")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", containsString("text/csv")))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFpersonne;").contains(alices.providerId()).doesNotContain(bobs.providerId());
        mvc.perform(get("/acces/export.csv").with(user("bob"))).andExpect(status().isForbidden());
    }

    @Test
    void registrationPageForAdminsAndItsErrorsInFrench() throws Exception {
        mvc.perform(get("/acces/enregistrer").with(user("jerome"))).andExpect(status().isOk());
        mvc.perform(get("/acces/enregistrer").with(user("manon"))).andExpect(status().isForbidden());
        mvc.perform(post("/acces/enregistrer").with(user("jerome")).with(csrf()).param("type", "dockerhub")
                .param("personne", "carol@example.org").param("identifiant", "nobody" + UUID.randomUUID().toString().substring(0, 6).replace("-", ""))
                .param("cible", "developers")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Le fournisseur ne connaît pas cet accès")));
        mvc.perform(post("/acces/enregistrer").with(user("jerome")).param("type", "dockerhub")).andExpect(status().isForbidden());
    }

    @Test
    void aRequesterOffboardsOnlyThemselfAndAnotherPersonsDepartureAnswers404() throws Exception {
        // alice's accesses from other tests are closed: this departure holds her mailbox only
        jdbc.update("UPDATE guichet_access_grant SET state = 'GONE' WHERE person_email = ? AND id <> ?",
                "alice@beta.gouv.fr", alices.id());
        jdbc.update("UPDATE guichet_offboarding SET state = 'CANCELLED' WHERE state = 'OPEN'");
        String page = mvc.perform(get("/departs/nouveau").param("personne", "bob@beta.gouv.fr").with(user("alice")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(page).select("input[name=personne]").attr("value")).isEqualTo("alice@beta.gouv.fr");
        assertThat(page).contains(alices.resource()).doesNotContain(bobs.resource()).doesNotContain("??")
                .contains("Suspendre selon le calendrier : 5 jours après le départ", "Suspendre à une autre date");

        mvc.perform(post("/departs").with(user("alice")).with(csrf()).param("personne", "alice@beta.gouv.fr")
                .param("date", "pas une date")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("La date de départ doit être postérieure")));
        var created = mvc.perform(post("/departs").with(user("alice")).with(csrf()).param("personne", "bob@beta.gouv.fr")
                .param("date", LocalDate.now().plusDays(20).toString()).param("decision_" + alices.id(), "KEEP"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        String reference = location.substring(location.lastIndexOf('/') + 1);
        assertThat(departures.byReference(reference).orElseThrow().personEmail()).isEqualTo("alice@beta.gouv.fr");

        mvc.perform(get(location).with(user("alice"))).andExpect(status().isOk()).andExpect(content().string(containsString("conservé")));
        mvc.perform(get(location).with(user("bob"))).andExpect(status().isNotFound());
        mvc.perform(get(location).with(user("jerome"))).andExpect(status().isNotFound());
        mvc.perform(get(location).with(user("hussardnum"))).andExpect(status().isOk());
        mvc.perform(post(location + "/annuler").with(user("manon")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(departures.byReference(reference).orElseThrow().state().name()).as("only whoever declared it cancels").isEqualTo("OPEN");
        mvc.perform(post(location + "/annuler").with(user("alice")).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(departures.byReference(reference).orElseThrow().state().name()).isEqualTo("CANCELLED");
        mvc.perform(get("/departs").with(user("alice"))).andExpect(status().isOk()).andExpect(content().string(containsString(reference)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} as {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "/mes-acces, alice", "/acces, manon", "/acces, jerome", "/acces/enregistrer, jerome", "/departs, manon",
            "/departs, hussardnum", "/departs/nouveau, alice", "/departs/nouveau?personne=alice@beta.gouv.fr, manon"})
    void pagesHaveOneHeadingAndALabelForEveryField(String path, String userId) throws Exception {
        String html = mvc.perform(get(path).with(user(userId))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).as("no missing message").doesNotContain("??");
        var page = Jsoup.parse(html);
        assertThat(page.select("html").attr("lang")).isEqualTo("fr");
        assertThat(page.select("h1")).hasSize(1);
        for (var field : page.select("main input:not([type=hidden]), main select, main textarea")) {
            String id = field.id();
            assertThat(id).as("field " + field.attr("name") + " on " + path).isNotBlank();
            assertThat(page.select("label[for=" + id + "]")).as("label of " + id + " on " + path).isNotEmpty();
        }
    }
}
