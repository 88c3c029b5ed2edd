package fr.beta.guichet.myrequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Issue 21, items 6–8, 12 and 13 (requesters): « Mes demandes » and the start forms after a first tour. */
@GuichetSpringTest
@Import(JobDriver.class)
class TourRequestersTests {

    @Autowired MockMvc mvc;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired JobDriver jobs;

    /** Item 6: the page read right after « Annuler », before the job that announces it, says « Annulée ». */
    @Test
    void theStatusAfterCancellingIsCancelledAtOnce() throws Exception {
        String[] started = start();
        mvc.perform(post("/mes-demandes/" + started[0] + "/annuler").with(user("alice")).with(csrf()))
                .andExpect(redirectedUrl("/mes-demandes/" + started[0]));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(started[1]).count())
                .as("the announcement is still to be made").isEqualTo(1);
        assertThat(statusOf(started[0])).contains("Annulée").doesNotContain("En vérification");
    }

    /** Item 6: the page read right after an answer says the request is back with the admins. */
    @Test
    void theStatusAfterAnsweringIsBackToTheAdminsAtOnce() throws Exception {
        String[] started = start();
        tasks.ask(claim(started[1]), "julien", "Pourquoi ?");
        jobs.runDueJobs(started[1]);
        mvc.perform(post("/mes-demandes/" + started[0] + "/repondre").param("answer", "Parce que")
                        .with(user("alice")).with(csrf()))
                .andExpect(redirectedUrl("/mes-demandes/" + started[0]));
        assertThat(statusOf(started[0])).contains("En attente de prise en charge").doesNotContain("En vérification");
    }

    /** Item 7: « Répondre et corriger la demande » takes the answer typed on the request's page along. */
    @Test
    void theAnswerTypedOnTheDetailPageIsCarriedToTheCorrectionForm() throws Exception {
        String[] started = start();
        tasks.ask(claim(started[1]), "julien", "Pourquoi ?");
        jobs.runDueJobs(started[1]);
        assertThat(page(get("/mes-demandes/" + started[0]).with(user("alice"))))
                .contains("formaction=\"/demandes/sous-domaine/reponse/" + started[0] + "/corriger\"");
        String form = page(post("/demandes/sous-domaine/reponse/" + started[0] + "/corriger")
                .param("answer", "Ma réponse déjà écrite").with(user("alice")).with(csrf()));
        assertThat(form).contains(">Ma réponse déjà écrite</textarea>", "name=\"target\"");
        assertThat(taskService.createTaskQuery().processInstanceId(started[1]).taskDefinitionKey("answer-question")
                .count()).as("nothing answered yet").isEqualTo(1);
    }

    /** Item 8: the password's address opened again is a page saying what to do, not an error. */
    @Test
    void thePasswordAddressReopenedSaysItWasShownOnce() throws Exception {
        String[] started = start();
        String page = page(get("/mes-demandes/" + started[0] + "/mot-de-passe").with(user("alice")));
        assertThat(page).contains("id=\"secret-shown-once\"", "déjà été affiché une fois", "réinitialisation")
                .doesNotContain("Le service a rencontré un problème");
        mvc.perform(get("/mes-demandes/" + started[0] + "/mot-de-passe").with(user("bob")))
                .andExpect(status().isNotFound());
    }

    /** Item 12: an identical open request is pointed out, nothing filed, unless the requester confirms. */
    @Test
    void anIdenticalOpenRequestIsPointedOutAndMayStillBeFiled() throws Exception {
        String label = "dbl" + UUID.randomUUID().toString().substring(0, 6);
        var first = mvc.perform(subdomain(label)).andExpect(redirectedUrl("/mes-demandes")).andReturn();
        String reference = (String) first.getFlashMap().get("created");
        long before = historyService.createHistoricProcessInstanceQuery().count();
        String again = page(subdomain(label));
        assertThat(again).contains("id=\"same-open\"", "href=\"/mes-demandes/" + reference + "\"",
                "name=\"sameAgain\"", "value=\"" + label + "\"");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
        mvc.perform(subdomain(label).param("sameAgain", "true")).andExpect(redirectedUrl("/mes-demandes"));
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before + 1);
        // another target is another request
        mvc.perform(subdomain(label + "b")).andExpect(redirectedUrl("/mes-demandes"));
    }

    /** Item 13: « Prise en charge par » while in progress; « Traitée par » once done. */
    @Test
    void theExecutorIsNamedForWhatTheyDid() throws Exception {
        String[] started = start();
        tasks.take(claim(started[1]), "julien");
        jobs.runDueJobs(started[1]);
        String detail = page(get("/mes-demandes/" + started[0]).with(user("alice")));
        assertThat(detail).contains("Prise en charge par julien").doesNotContain("Traitée par");
    }

    /** Item 13: an empty email gets one message, the same on the Matomo and Sentry forms. */
    @Test
    void anEmptyEmailGetsOneMessageOnMatomoAndSentry() throws Exception {
        String matomo = page(post("/demandes/matomo").with(user("alice")).with(csrf()).param("email", "")
                .param("siteUrl", "https://site.beta.gouv.fr").param("siteName", "Site").param("access", "VIEW")
                .param("startup", "Démo").param("reason", "Stats"));
        String sentry = page(post("/demandes/sentry").with(user("alice")).with(csrf()).param("email", "")
                .param("team", "equipe").param("role", "ADMIN").param("startup", "Démo").param("reason", "Erreurs"));
        for (String form : new String[] {matomo, sentry}) {
            assertThat(form).contains("Indiquez l&#39;adresse mail de la personne.")
                    .doesNotContain("L&#39;adresse mail n&#39;est pas valide");
        }
    }

    /** Item 13: « Qui a accès ? » tells a requester what they may really do. */
    @Test
    void whoHasAccessTellsARequesterWhatTheyMayDo() throws Exception {
        assertThat(page(get("/qui-a-acces").with(user("alice")))).contains("id=\"access-lead\"",
                "est fait par l&#39;administrateur de la plateforme").doesNotContain("demandez à rejoindre son groupe");
    }

    private String statusOf(String reference) throws Exception {
        String detail = page(get("/mes-demandes/" + reference).with(user("alice")));
        int at = detail.indexOf("id=\"status\"");
        return detail.substring(at, detail.indexOf("</div>", at));
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder subdomain(String label) {
        return post("/demandes/sous-domaine").with(user("alice")).with(csrf()).param("label", label)
                .param("recordType", "CNAME").param("target", "app.osc-fr1.scalingo.io.").param("ttl", "3600")
                .param("startup", "Démo").param("reason", "Deux fois");
    }

    /** A subdomain request of alice's, waiting at claim: {reference, process instance id}. */
    private String[] start() {
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey("request-subdomain").orElseThrow();
        String reference = starter.start(type, new SubdomainRequest("req" + UUID.randomUUID().toString().substring(0, 6),
                SubdomainRecordType.CNAME, "app.osc-fr1.scalingo.io.", 3600, "Démo", "Tour"), "alice");
        String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
        jobs.runDueJobs(pi);
        return new String[] {reference, pi};
    }

    private String claim(String pi) {
        return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("claim").singleResult().getId();
    }

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
