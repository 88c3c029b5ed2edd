package fr.beta.guichet.subdomain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.beta.guichet.support.GuichetSpringTest;

/** The start form with good and bad input: French messages on the form, never a 500, nothing started on error. */
@GuichetSpringTest
class SubdomainFormControllerTests {

    private static final String FORM = "/demandes/sous-domaine";

    @Autowired MockMvc mvc;
    @Autowired HistoryService historyService;

    @Test
    void formIsShownInFrenchToALoggedInRequester() throws Exception {
        mvc.perform(get(FORM).with(user("alice")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nom du sous-domaine")))
                .andExpect(content().string(containsString("lang=\"fr\"")));
    }

    @Test
    void anonymousVisitorIsSentToTheLoginPage() throws Exception {
        mvc.perform(get(FORM)).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void validRequestStartsAProcessWithAReadableReference() throws Exception {
        String label = "ok" + UUID.randomUUID().toString().substring(0, 6);
        long before = instances();
        mvc.perform(submit(valid(Map.of("label", label))))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/mes-demandes"));
        assertThat(instances()).isEqualTo(before + 1);
        var instance = historyService.createHistoricProcessInstanceQuery().orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).get(0);
        assertThat(instance.getBusinessKey()).matches("SUB-\\d{4}-\\d{4}");
        assertThat(instance.getStartUserId()).isEqualTo("alice");
    }

    static Object[][] badInput() {
        return new Object[][] {
                {"label", "Mon_Site", "lettres minuscules sans accent"},
                {"label", "-site", "sans tiret au début ni à la fin"},
                {"label", "www", "« www.beta.gouv.fr » est déjà utilisé"},
                {"label", "a".repeat(64), "63 caractères au plus"},
                {"label", "", "Indiquez le nom du sous-domaine"},
                {"target", "", "Indiquez la cible"},
                {"target", "not a host", "nom d&#39;hôte complet"},
                {"target", "x".repeat(10_000), "255 caractères au plus"},
                {"reason", "r".repeat(2001), "2000 caractères au plus"},
                {"startup", "", "Indiquez le nom de votre startup"},
                {"ttl", "abc", "Saisissez un nombre entier de secondes"},
                {"ttl", "5", "entre 60 et 86400 secondes"},
                {"recordType", "NS", "Choisissez un type d&#39;enregistrement"},
                {"label", "<script>alert(1)</script>", "lettres minuscules"},
        };
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badInput")
    void badInputIsReportedOnTheFormAndStartsNothing(String field, String value, String message) throws Exception {
        long before = instances();
        mvc.perform(submit(valid(Map.of(field, value))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(message)))
                .andExpect(content().string(containsString("Le formulaire contient des erreurs")))
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))));
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void typeMismatchOnTheAddressIsExplainedPerType() throws Exception {
        mvc.perform(submit(valid(Map.of("recordType", "A", "target", "999.1.1.1"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("adresse IPv4")));
        mvc.perform(submit(valid(Map.of("recordType", "AAAA", "target", "2001:db8::10"))))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void missingCsrfTokenIsRefused() throws Exception {
        long before = instances();
        var request = post(FORM).with(user("alice"));
        valid(Map.of()).forEach(request::param);
        mvc.perform(request).andExpect(status().isForbidden());
        assertThat(instances()).isEqualTo(before);
    }

    /**
     * Issue 21 item 9: a TTL too large for a number used to hide every other error and drop the value. Now the other
     * fields' errors show in the same submission, the TTL's own message too, and the typed values are kept.
     */
    @Test
    void anUnconvertibleTtlDoesNotHideTheOtherErrorsNorDropTheValue() throws Exception {
        long before = instances();
        var html = mvc.perform(submit(Map.of("label", "x".repeat(300), "recordType", "CNAME", "target", "",
                        "ttl", "99999999999", "startup", "", "reason", "Pour tester")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Saisissez un nombre entier de secondes")
                .contains("63 caractères")
                .contains("Indiquez la cible")
                .contains("Indiquez le nom de votre startup")
                .contains("value=\"99999999999\"")
                .contains("value=\"" + "x".repeat(300) + "\"")
                .contains("Pour tester");
        assertThat(instances()).isEqualTo(before);
    }

    private MockHttpServletRequestBuilder submit(Map<String, String> fields) {
        var request = post(FORM).with(user("alice")).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private static Map<String, String> valid(Map<String, String> overrides) {
        var fields = new java.util.HashMap<>(Map.of(
                "label", "s" + UUID.randomUUID().toString().substring(0, 6),
                "recordType", "CNAME",
                "target", "app.osc-fr1.scalingo.io.",
                "ttl", "3600",
                "startup", "Démo",
                "reason", "Mettre en ligne"));
        fields.putAll(overrides);
        return fields;
    }

    private long instances() {
        return historyService.createHistoricProcessInstanceQuery().count();
    }
}
