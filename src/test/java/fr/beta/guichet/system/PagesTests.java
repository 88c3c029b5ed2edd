package fr.beta.guichet.system;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Each page answers its role in French, and refuses the others with 403/404, never a 500 (the French error pages
 * themselves are rendered by the servlet container: see {@code SecurityTests}).
 */
@GuichetSpringTest
class PagesTests {

    @Autowired MockMvc mvc;

    @ParameterizedTest(name = "{0} as {1} ({2}) → {3}")
    @CsvSource({
            "/,                       alice,   '',                 200, Que souhaitez-vous demander",
            "/mes-demandes,           alice,   '',                 200, Mes demandes",
            "/demandes/sous-domaine,  alice,   '',                 200, Demander un sous-domaine",
            "/bac-a-sable,            alice,   '',                 200, Zone DNS simulée",
            "/bac-a-sable,            bob,     '',                 200, tâches OVH reçues",
            "/bac-a-sable,            bob,     '',                 200, Mattermost simulé : fils du canal",
            "/mon-compte,             alice,   '',                 200, Identifiant Tchap",
            "/demandes/adresse-mail,  alice,   '',                 200, Demander une adresse mail",
            "/demandes/matomo,        alice,   '',                 200, Demander un accès Matomo",
            "/demandes/docker-hub,    alice,   '',                 200, équipe Docker Hub",
            "/demandes/sentry,        alice,   '',                 200, Demander l'accès à une équipe Sentry",
            "/demandes/brevo,         alice,   '',                 200, Un accès Brevo",
            "/demandes/autre,         alice,   '',                 200, Autre demande",
            "/bac-a-sable,            alice,   '',                 200, Sentry simulé : membres de l'organisation betagouv",
            "/taches?type=request-sentry, lucas, GROUP_ops-sentry, 200, Tâches à traiter",
            "/qui-a-acces,            alice,   '',                 200, data-group=\"ops-sentry\"",
            "/taches?type=request-matomo, julien, GROUP_ops-matomo, 200, Tâches à traiter",
            "/taches,                 florian, GROUP_ops-ovh,      200, Tâches à traiter",
            "/taches,                 alice,   '',                 403, ''",
            "/mes-demandes/SUB-1999-0001, alice, '',               404, ''",
            "/taches/unknown-task,    florian, GROUP_ops-ovh,      302, ''",
            "/taches/formulaire?taskId=abc, florian, GROUP_ops-ovh, 302, ''",
    })
    void pageAnswersItsRole(String path, String userId, String authority, int status, String text) throws Exception {
        var request = get(path.strip()).with(authority.isBlank() ? user(userId.strip())
                : user(userId.strip()).authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority(authority.strip())));
        var result = mvc.perform(request).andExpect(status().is(status));
        if (!text.isBlank()) {
            result.andExpect(content().string(containsString(text.replace("'", "&#39;"))));
        }
    }
}
