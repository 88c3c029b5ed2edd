package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Every page answers 200 to its role and 403 to the others, is in French, and has no form field without a label
 * (label[for], aria-label or aria-labelledby), also when the form comes back with errors.
 */
@GuichetSpringTest
class AccessibilityTests {

    @Autowired MockMvc mvc;

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/,                       alice,   ''",
            "/mes-demandes,           alice,   ''",
            "/demandes/sous-domaine,  alice,   ''",
            "/demandes/adresse-mail,  alice,   ''",
            "/demandes/matomo,        alice,   ''",
            "/demandes/docker-hub,    alice,   ''",
            "/demandes/sentry,        alice,   ''",
            "/demandes/brevo,         alice,   ''",
            "/demandes/scalingo,      alice,   ''",
            "/demandes/autre,         alice,   ''",
            "/?q=dns,                 alice,   ''",
            "/bac-a-sable,            alice,   ''",
            "/qui-a-acces,            florian, GROUP_ops-ovh",
            "/mon-compte,             alice,   ''",
            "/taches,                 florian, GROUP_ops-ovh",
            "/metriques,              manon,   GROUP_managers",
    })
    void pageIsFrenchAndEveryFieldHasALabel(String path, String userId, String authorities) throws Exception {
        var request = get(path.strip()).with(as(userId, authorities));
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertAccessible(path, Jsoup.parse(html));
    }

    @Test
    void loginPageIsAccessibleToAnonymousVisitors() throws Exception {
        String html = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertAccessible("/login", Jsoup.parse(html));
    }

    @Test
    void formWithErrorsKeepsItsLabelsAndMarksInvalidFields() throws Exception {
        String html = mvc.perform(post("/demandes/sous-domaine").with(user("alice")).with(csrf())
                        .param("label", "Mauvais_Nom").param("recordType", "A").param("target", "pas-une-ip")
                        .param("ttl", "3600").param("startup", "").param("reason", "x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Document page = Jsoup.parse(html);
        assertAccessible("subdomain form with errors", page);
        for (String field : List.of("label", "target", "startup")) {
            Element input = page.getElementById(field);
            assertThat(input.attr("aria-invalid")).as(field).isEqualTo("true");
            assertThat(page.getElementById(input.attr("aria-describedby"))).as(field + " error text").isNotNull();
        }
        assertThat(page.getElementById("target").val()).isEqualTo("pas-une-ip");
    }

    @ParameterizedTest(name = "{0} refused to {1}")
    @CsvSource({
            "/taches,     alice",
            "/metriques,  alice",
            "/metriques,  florian",
    })
    void pageIsRefusedToOtherRoles(String path, String userId) throws Exception {
        String groups = "florian".equals(userId.strip()) ? "GROUP_ops-ovh" : "";
        mvc.perform(get(path.strip()).with(as(userId, groups))).andExpect(status().isForbidden());
    }

    private static void assertAccessible(String page, Document document) {
        assertThat(document.selectFirst("html").attr("lang")).as(page + " lang").isEqualTo("fr");
        assertThat(document.title()).as(page + " title").isNotBlank();
        assertThat(document.select("main h1")).as(page + " h1").hasSize(1);
        for (Element field : document.select("input, select, textarea")) {
            String type = field.attr("type");
            if (List.of("hidden", "submit", "button").contains(type)) {
                continue;
            }
            boolean labelled = !field.id().isBlank() && !document.select("label[for=" + field.id() + "]").isEmpty()
                    || field.hasAttr("aria-label") || field.hasAttr("aria-labelledby");
            assertThat(labelled).as(page + ": field " + field.attr("name") + " has a label").isTrue();
        }
        for (Element button : document.select("button")) {
            assertThat(button.text().isBlank() && !button.hasAttr("aria-label") && !button.hasAttr("title"))
                    .as(page + ": button with a name").isFalse();
        }
    }


    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String userId, String authorities) {
        var user = user(userId.strip());
        if (authorities.isBlank()) {
            return user;
        }
        return user.authorities(Arrays.stream(authorities.strip().split(" ")).map(SimpleGrantedAuthority::new).toList());
    }
}
