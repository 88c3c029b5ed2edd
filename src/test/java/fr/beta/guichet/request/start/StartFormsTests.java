package fr.beta.guichet.request.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The start forms of the mailbox, Matomo, Docker Hub, DNS delegation and Sentry requests (the subdomain form has its own, longer test):
 * valid input starts a request with its reference; bad input is reported in French on the form and starts nothing.
 */
@GuichetSpringTest
class StartFormsTests {

    @Autowired MockMvc mvc;
    @Autowired HistoryService historyService;

    record Form(String path, String prefix, Map<String, String> valid) {
    }

    static final Form MAILBOX = new Form("/demandes/adresse-mail", "MEL", Map.of("kind", "MAILBOX",
            "localPart", "@unique", "redirectTo", "", "startup", "Démo", "reason", "Arrivée"));
    static final Form MATOMO = new Form("/demandes/matomo", "MAT", Map.of("email", "@unique@example.org",
            "siteUrl", "https://@unique.beta.gouv.fr", "siteName", "Site", "access", "VIEW", "startup", "Démo",
            "reason", "Statistiques"));
    static final Form DOCKERHUB = new Form("/demandes/docker-hub", "DCK", Map.of("dockerId", "@unique",
            "team", "developers", "startup", "Démo", "reason", "Images"));

    static final Form DELEGATION = new Form("/demandes/delegation-dns", "DEL", Map.of("label", "@unique",
            "nameServers", "ns1.@unique.example.org\nns2.@unique.example.org", "dsRecords", "", "startup", "Démo",
            "reason", "Notre zone"));
    static final String SHA256 = "0123456789abcdef".repeat(4);

    static final Form SENTRY = new Form("/demandes/sentry", "SEN", Map.of("email", "@unique@example.org",
            "team", "equipe-@unique", "role", "ADMIN", "startup", "Démo", "reason", "Erreurs"));

    static Stream<Form> forms() {
        return Stream.of(MAILBOX, MATOMO, DOCKERHUB, DELEGATION, SENTRY);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(MAILBOX, Map.of("localPart", "Prénom.Nom"), "minuscules sans accent"),
                Arguments.of(MAILBOX, Map.of("localPart", "contact"), "« contact@beta.gouv.fr » est déjà utilisée"),
                Arguments.of(MAILBOX, Map.of("localPart", ""), "Indiquez l&#39;adresse souhaitée"),
                Arguments.of(MAILBOX, Map.of("kind", "REDIRECTION"), "indiquez l&#39;adresse qui recevra"),
                Arguments.of(MAILBOX, Map.of("kind", "REDIRECTION", "redirectTo", "pas-une-adresse"), "pas une adresse mail valide"),
                Arguments.of(MAILBOX, Map.of("kind", "PIGEON"), "Choisissez une boîte mail ou une redirection"),
                Arguments.of(MAILBOX, Map.of("reason", "x".repeat(5000)), "2000 caractères au plus"),
                Arguments.of(MATOMO, Map.of("email", "pas-une-adresse"), "L&#39;adresse mail n&#39;est pas valide"),
                Arguments.of(MATOMO, Map.of("siteUrl", "javascript:alert(1)"), "commence par https://"),
                Arguments.of(MATOMO, Map.of("siteName", "n".repeat(91)), "90 caractères au plus"),
                Arguments.of(MATOMO, Map.of("access", "superuser"), "Choisissez un niveau d&#39;accès"),
                Arguments.of(MATOMO, Map.of("email", "florian.delezenne@beta.gouv.fr", "siteUrl", "https://beta.gouv.fr",
                        "access", "ADMIN"), "a déjà l&#39;accès admin"),
                Arguments.of(DOCKERHUB, Map.of("dockerId", "ab"), "de 4 à 30 lettres minuscules"),
                Arguments.of(DOCKERHUB, Map.of("team", "inexistante"), "« inexistante » n&#39;existe pas"),
                Arguments.of(DOCKERHUB, Map.of("dockerId", "totakoko"), "déjà membre de l&#39;équipe developers"),
                Arguments.of(DOCKERHUB, Map.of("startup", ""), "Indiquez le nom de votre startup"),
                Arguments.of(DELEGATION, Map.of("label", "www"), "« www.beta.gouv.fr » est déjà utilisé"),
                Arguments.of(DELEGATION, Map.of("label", "Mon_Service"), "lettres minuscules sans accent"),
                Arguments.of(DELEGATION, Map.of("nameServers", ""), "Indiquez les serveurs de noms, un par ligne."),
                Arguments.of(DELEGATION, Map.of("nameServers", "ns1.example.org"), "Indiquez de 2 à 8 serveurs de noms."),
                Arguments.of(DELEGATION, Map.of("nameServers", "a.example.org b.example.org c.example.org d.example.org "
                        + "e.example.org f.example.org g.example.org h.example.org i.example.org"),
                        "Indiquez de 2 à 8 serveurs de noms."),
                Arguments.of(DELEGATION, Map.of("nameServers", "ns1.example.org\nns2"), "est un nom d&#39;hôte complet"),
                Arguments.of(DELEGATION, Map.of("nameServers", "ns1.example.org\nNS1.example.org."),
                        "Les serveurs de noms doivent être tous différents."),
                Arguments.of(DELEGATION, Map.of("dsRecords", "70000 13 2 " + SHA256), "est un nombre de 0 à 65535"),
                Arguments.of(DELEGATION, Map.of("dsRecords", "12345 7 2 " + SHA256), "est l&#39;un de 8, 10, 13, 14, 15 ou 16"),
                Arguments.of(DELEGATION, Map.of("dsRecords", "12345 13 3 " + SHA256), "est 1 (SHA-1), 2 (SHA-256) ou 4 (SHA-384)"),
                Arguments.of(DELEGATION, Map.of("dsRecords", "12345 13 2 abc"), "40 caractères pour le type 1, 64 pour le type 2"),
                Arguments.of(DELEGATION, Map.of("dsRecords", "12345 13"), "séparés par des espaces"),
                Arguments.of(SENTRY, Map.of("email", "pas-une-adresse"), "L&#39;adresse mail n&#39;est pas valide"),
                Arguments.of(SENTRY, Map.of("email", ""), "Indiquez l&#39;adresse mail de la personne"),
                Arguments.of(SENTRY, Map.of("email", "x".repeat(70) + "@example.org"), "75 caractères au plus"),
                Arguments.of(SENTRY, Map.of("team", ""), "Indiquez l&#39;équipe"),
                Arguments.of(SENTRY, Map.of("team", "Ma Startup"), "que des minuscules sans accent, des chiffres"),
                Arguments.of(SENTRY, Map.of("team", "équipe"), "que des minuscules sans accent, des chiffres"),
                Arguments.of(SENTRY, Map.of("team", "a".repeat(51)), "50 caractères au plus"),
                Arguments.of(SENTRY, Map.of("team", "2026"), "uniquement de chiffres"),
                Arguments.of(SENTRY, Map.of("role", "OWNER"), "Choisissez un rôle de la liste"),
                Arguments.of(SENTRY, Map.of("role", ""), "Choisissez le rôle dans l&#39;équipe"),
                Arguments.of(SENTRY, Map.of("email", "florian@beta.gouv.fr", "team", "incubateur"),
                        "florian@beta.gouv.fr est déjà dans l&#39;équipe Sentry « incubateur »"),
                Arguments.of(SENTRY, Map.of("startup", ""), "Indiquez le nom de votre startup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void formIsShownAndValidInputStartsARequest(Form form) throws Exception {
        mvc.perform(get(form.path()).with(user("alice"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"fr\"")));
        long before = instances();
        mvc.perform(submit(form, Map.of())).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/mes-demandes"));
        assertThat(instances()).isEqualTo(before + 1);
        var latest = historyService.createHistoricProcessInstanceQuery().orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).get(0);
        assertThat(latest.getBusinessKey()).startsWith(form.prefix() + "-");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badInput")
    void badInputIsReportedOnTheFormAndStartsNothing(Form form, Map<String, String> bad, String message)
            throws Exception {
        long before = instances();
        mvc.perform(submit(form, bad))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(message)))
                .andExpect(content().string(containsString("Le formulaire contient des erreurs")));
        assertThat(instances()).isEqualTo(before);
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder submit(Form form,
            Map<String, String> overrides) {
        String unique = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var fields = new HashMap<String, String>();
        form.valid().forEach((k, v) -> fields.put(k, v.replace("@unique", unique)));
        fields.putAll(overrides);
        var request = post(form.path()).with(user("alice")).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private long instances() {
        return historyService.createHistoricProcessInstanceQuery().count();
    }
}
