package fr.beta.guichet.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Issue 21, items 1–5 and 13 (admins): what an admin sees of a request on « Tâches » and in the chat. */
@GuichetSpringTest
@Import(JobDriver.class)
class TourAdminsTests {

    @Autowired MockMvc mvc;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RequestDialogue dialogue;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JobDriver jobs;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;

    /** Item 1: « Pourquoi ? » on the list (shortened), on the task page (whole) and in the announcement (inert). */
    @Test
    void theRequestersReasonIsShownToTheAdmins() throws Exception {
        String reason = "Nos propres serveurs DNS @channel https://evil.example " + "et encore des détails ".repeat(10);
        Started started = start(reason);
        String list = page(get("/taches").with(admin("julien")));
        String row = row(list, started.reference);
        String shown = row.substring(row.indexOf("Pourquoi :</span>"));
        shown = shown.substring(0, shown.indexOf("</p>"));
        assertThat(shown).contains("Nos propres serveurs DNS", "…").hasSizeLessThan(200);
        String form = page(get("/taches/" + started.claim()).with(admin("julien")));
        assertThat(form).contains("id=\"task-reason\"", "Pourquoi ?", "https://evil.example " + "et encore des détails ".repeat(9));
        String root = (String) runtimeService.getVariable(started.pi, RequestVariables.MATTERMOST_POST_ID.name());
        String announce = new ChatProbe(transports, identities).thread(root).orElseThrow().message();
        assertThat(announce).contains("Pourquoi : Nos propres serveurs DNS")
                .doesNotContain("@channel ").doesNotContain("https://evil");
    }

    /** Item 2: « Je passe » on a request assigned by name says so and shows it back to the group. */
    @Test
    void declineSaysWhatHappenedAndTheRowIsBackToTheGroup() throws Exception {
        Started started = start("Décliner");
        taskService.setAssignee(started.claim(), "julien");
        assertThat(row(page(get("/taches").with(admin("julien"))), started.reference)).contains("Assignée à vous");
        var result = mvc.perform(post("/taches/" + started.claim() + "/passer").with(admin("julien")).with(csrf()))
                .andExpect(redirectedUrl("/taches"))
                .andExpect(flash().attribute("declined", started.reference))
                .andExpect(flash().attribute("declinedWasAssigned", true))
                .andReturn();
        assertThat(taskService.createTaskQuery().taskId(started.claim()).singleResult().getAssignee()).isNull();
        assertThat(result.getFlashMap().get("declinedGroup")).isEqualTo("ops-ovh");
        String list = page(get("/taches").with(admin("julien")));
        assertThat(row(list, started.reference)).contains("Au groupe ops-ovh, libre").doesNotContain("Assignée à");
        // said again on a request that already is the group's: only noted
        mvc.perform(post("/taches/" + started.claim() + "/passer").with(admin("julien")).with(csrf()))
                .andExpect(flash().attribute("declinedWasAssigned", false));
    }

    /** Item 3: a request back to the admin who asked shows who holds it and offers others nothing to do. */
    @Test
    void aRequestHeldByTheAdminWhoAskedOffersOthersOnlyALook() throws Exception {
        Started started = start("Question");
        tasks.ask(started.claim(), "julien", "Quelle cible ?");
        jobs.runDueJobs(started.pi);
        dialogue.answer(started.pi, "alice", "La bonne");
        jobs.runDueJobs(started.pi);
        String claim = started.claim();
        String othersRow = row(page(get("/taches").with(admin("florian"))), started.reference);
        assertThat(othersRow).contains("Assignée à julien").doesNotContain("/prendre").contains("Ouvrir");
        String othersPage = page(get("/taches/" + claim).with(admin("florian")));
        assertThat(othersPage).contains("id=\"held-by-other\"", "revient à julien")
                .doesNotContain("/prendre").doesNotContain("/passer").doesNotContain("/rejeter").doesNotContain("/demander");
        mvc.perform(post("/taches/" + claim + "/rejeter").param("reason", "non").with(admin("florian")).with(csrf()))
                .andExpect(flash().attribute("errorKey", "task.error.taken"));
        assertThat(row(page(get("/taches").with(admin("julien"))), started.reference)).contains("/prendre", "Assignée à vous");
        assertThat(page(get("/taches/" + claim).with(admin("julien")))).contains("/prendre", "/passer", "/rejeter");
    }

    /** Item 4: after a correction, the admin reads what changed, before → after. */
    @Test
    void theAdminSeesWhatTheRequesterCorrected() throws Exception {
        Started started = start("Corriger");
        tasks.ask(started.claim(), "julien", "La cible est-elle la bonne ?");
        jobs.runDueJobs(started.pi);
        mvc.perform(post("/demandes/sous-domaine/reponse/" + started.reference).with(user("alice")).with(csrf())
                        .param("answer", "Non, voici la bonne").param("label", started.label).param("recordType", "CNAME")
                        .param("target", "nouvelle.osc-fr1.scalingo.io.").param("ttl", "3600")
                        .param("startup", "Démo").param("reason", "Corriger"))
                .andExpect(redirectedUrl("/mes-demandes/" + started.reference));
        jobs.runDueJobs(started.pi);
        String form = page(get("/taches/" + started.claim()).with(admin("julien")));
        assertThat(form).contains("Ce que le demandeur a corrigé", "data-field=\"target\"", "<td>Cible</td>",
                "<del>app.osc-fr1.scalingo.io.</del>", "<ins>nouvelle.osc-fr1.scalingo.io.</ins>")
                .doesNotContain("data-field=\"label\"");
    }

    /** Item 5: one main action per row; the question, rejection and « Je passe » are on the task page. */
    @Test
    void aRowKeepsItsMainActionAndTheOthersAreOnTheTaskPage() throws Exception {
        Started started = start("Rangée");
        String row = row(page(get("/taches").with(admin("julien"))), started.reference);
        assertThat(row).contains("/prendre", "Ouvrir", "guichet-nowrap")
                .doesNotContain("name=\"question\"").doesNotContain("name=\"reason\"").doesNotContain("/passer");
        assertThat(row.split("<button", -1)).hasSize(2);
        assertThat(page(get("/taches/" + started.claim()).with(admin("julien"))))
                .contains("/passer", "name=\"question\"", "name=\"reason\"");
    }

    /** Item 13: a question is no « Prise en charge »: the step says a clarification was asked, by whom. */
    @Test
    void aQuestionShowsAsAskedByItsAdminNotAsTaken() throws Exception {
        Started started = start("Étape");
        tasks.ask(started.claim(), "julien", "Pour quoi faire ?");
        jobs.runDueJobs(started.pi);
        String detail = page(get("/mes-demandes/" + started.reference).with(user("alice")));
        assertThat(detail).contains("Précision demandée au demandeur</strong>", "par julien")
                .doesNotContain("<strong>Prise en charge</strong>");
    }

    private record Started(String reference, String pi, String label, TaskService taskService) {
        String claim() {
            return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("claim").singleResult().getId();
        }
    }

    private Started start(String reason) {
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        String label = "tour" + UUID.randomUUID().toString().substring(0, 6);
        String reference = starter.start(type, new SubdomainRequest(label, SubdomainRecordType.CNAME,
                "app.osc-fr1.scalingo.io.", 3600, "Démo", reason), "alice");
        String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
        jobs.runDueJobs(pi);
        return new Started(reference, pi, label, taskService);
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The list's row of a reference, as HTML. */
    private static String row(String list, String reference) {
        int start = list.indexOf("data-reference=\"" + reference + "\"");
        assertThat(start).as("row of " + reference).isPositive();
        return list.substring(start, list.indexOf("</tr>", start));
    }

    private static RequestPostProcessor admin(String name) {
        return user(name).authorities(new SimpleGrantedAuthority("GROUP_ops-ovh"));
    }
}
