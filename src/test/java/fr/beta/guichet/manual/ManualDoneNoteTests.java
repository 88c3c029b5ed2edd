package fr.beta.guichet.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.InertText;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * « C'est fait à la main » with an optional note to the requester (issue 22, item 3): the task page's textarea, the
 * note kept as {@code doneNote} and shown on the requester's page, in the done email and, inert, in the thread; a
 * note too long comes back with a French message, the note as typed and the task still open.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class ManualDoneNoteTests {

    private static final String REQUESTER = "alice";
    private static final String EXECUTOR = "julien";

    /** An SMTP server is configured: the requester is told by email. */
    @MockitoBean JavaMailSender mailSender;

    @Autowired MockMvc mvc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired RequestTasks tasks;
    @Autowired RequestStarter starter;
    @Autowired ManualTypes manualTypes;
    @Autowired AccessHolders holders;
    @Autowired ProviderTransports transports;
    @Autowired ChatIdentities identities;
    @Autowired JobDriver jobs;

    @Test
    void theTaskPageOffersTheOptionalNoteAndTheRequesterReadsItOnTheirPageInTheMailAndInTheThread() throws Exception {
        ProcessInstance pi = takenAutreRequest();
        Task task = task(pi);

        Document taskPage = page(get("/taches/" + task.getId()).with(executor()));
        Element form = taskPage.selectFirst("form[action$=/fait-a-la-main]");
        Element note = form.selectFirst("textarea[name=note]");
        assertThat(note).isNotNull();
        assertThat(note.hasAttr("required")).as("the note is optional").isFalse();
        assertThat(note.attr("maxlength")).isEqualTo("2000");
        assertThat(form.selectFirst("label[for=note]").text()).startsWith("Un mot pour le demandeur (facultatif)");

        String typed = "  Accès ouvert sur le tableau de bord.\nPrévenez @channel si besoin : https://exemple.fr  ";
        String kept = typed.strip();
        mvc.perform(post("/taches/" + task.getId() + "/fait-a-la-main").param("note", typed).with(executor()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/taches"))
                .andExpect(flash().attribute("successKey", "tasks.done.manual"));
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
        assertThat(RequestVariables.DONE_NOTE.historic(historyService, pi.getId())).isEqualTo(kept);

        Document mine = page(get("/mes-demandes/" + pi.getBusinessKey()).with(user(REQUESTER)));
        assertThat(mine.selectFirst("#done-note-text").wholeText()).isEqualTo(kept);
        assertThat(mine.selectFirst("#done-note").text()).contains("Un mot de " + EXECUTOR);

        SimpleMailMessage mail = mailTo(pi);
        assertThat(mail.getTo()).containsExactly("alice@beta.gouv.fr");
        assertThat(mail.getText()).contains("Un mot de la personne qui l'a traitée :\n" + kept);

        String done = replies(pi).stream().filter(m -> m.contains("fait (par")).findFirst().orElseThrow();
        assertThat(done).contains("Un mot pour vous").contains("Accès ouvert sur le tableau de bord.")
                .as("typed text stays inert in the chat: no mention, no link")
                .contains("@" + InertText.ZERO_WIDTH_SPACE + "channel").doesNotContain("@channel")
                .contains("https:" + InertText.ZERO_WIDTH_SPACE + "//exemple.fr");
    }

    @Test
    void aNoteTooLongComesBackWithAFrenchMessageAndTheTaskStaysOpen() throws Exception {
        ProcessInstance pi = takenAutreRequest();
        Task task = task(pi);
        String tooLong = "Mot ".repeat(500) + "trop long";
        assertThat(tooLong.strip()).hasSizeGreaterThan(2000);

        Document back = page(post("/taches/" + task.getId() + "/fait-a-la-main").param("note", tooLong)
                .with(executor()).with(csrf()));
        assertThat(back.selectFirst("#note-error").text()).isEqualTo("Le mot pour le demandeur fait 2000 caractères "
                + "au plus, sans caractères de contrôle : raccourcissez-le. La demande n'est pas encore marquée comme faite.");
        assertThat(back.selectFirst("textarea#note").wholeText()).as("nothing typed is lost").isEqualTo(tooLong);
        assertThat(back.selectFirst("textarea#note").attr("aria-invalid")).isEqualTo("true");

        jobs.runDueJobs(pi.getId());
        Task still = task(pi);
        assertThat(still).isNotNull();
        assertThat(still.getId()).isEqualTo(task.getId());
        assertThat(still.getTaskDefinitionKey()).isEqualTo(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(RequestVariables.DONE_NOTE.get(runtimeService, pi.getId())).isNull();
        Mockito.verify(mailSender, Mockito.never()).send(Mockito.any(SimpleMailMessage.class));

        // control characters are refused as well; exactly 2000 characters are accepted
        page(post("/taches/" + task.getId() + "/fait-a-la-main").param("note", "bip\u0007").with(executor()).with(csrf()));
        assertThat(task(pi)).isNotNull();
        String longest = "x".repeat(2000);
        mvc.perform(post("/taches/" + task.getId() + "/fait-a-la-main").param("note", longest).with(executor()).with(csrf()))
                .andExpect(redirectedUrl("/taches"));
        jobs.runDueJobs(pi.getId());
        assertThat(RequestVariables.DONE_NOTE.historic(historyService, pi.getId())).isEqualTo(longest);
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
    }

    @Test
    void withoutANoteTheDoneNotificationsAreTheUsualOnes() throws Exception {
        ProcessInstance pi = takenAutreRequest();
        mvc.perform(post("/taches/" + task(pi).getId() + "/fait-a-la-main").param("note", "   \n ")
                        .with(executor()).with(csrf()))
                .andExpect(redirectedUrl("/taches"));
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
        assertThat(RequestVariables.DONE_NOTE.historic(historyService, pi.getId())).isNull();

        Document mine = page(get("/mes-demandes/" + pi.getBusinessKey()).with(user(REQUESTER)));
        assertThat(mine.select("#done-note")).isEmpty();
        assertThat(mailTo(pi).getText()).doesNotContain("Un mot de la personne");
        assertThat(replies(pi)).anySatisfy(m -> assertThat(m).contains("fait (par").doesNotContain("Un mot pour vous"));
    }

    @Test
    void aDeclaredTypeGivingAnAccessCarriesTheNoteInItsDoneMailToo() {
        ManualRequestType brevo = manualTypes.declared("request-manual-brevo").orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", "note." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        fields.put("account", "mon-produit");
        fields.put("role", "viewer");
        String reference = starter.start(brevo, new ManualRequest("Mon produit", "Lettre d'information", fields),
                REQUESTER);
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult();
        jobs.runDueJobs(pi.getId());
        String holder = holders.of(brevo.resourceGroup()).get(0);
        tasks.take(task(pi).getId(), holder);
        jobs.runDueJobsAndProviderPolling(pi.getId());

        tasks.completeManually(task(pi).getId(), holder, "Invitation envoyée, regardez vos spams.");
        jobs.runDueJobs(pi.getId());

        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);
        SimpleMailMessage mail = mailTo(pi);
        assertThat(mail.getSubject()).isEqualTo("[Guichet Ops] Votre demande " + reference + " est traitée");
        assertThat(mail.getText()).contains("Un mot de la personne qui l'a traitée :\nInvitation envoyée, regardez vos spams.");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A request « Autre demande » (group ops) started from its form by alice, taken by julien. */
    private ProcessInstance takenAutreRequest() throws Exception {
        String startup = "Produit " + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/demandes/autre").with(user(REQUESTER)).with(csrf())
                        .param("fields[request]", "Un accès au tableau de bord").param("startup", startup)
                        .param("reason", "Suivre les déploiements"))
                .andExpect(status().is3xxRedirection());
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("request-manual-autre")
                .variableValueLike("description", "%" + startup + "%").singleResult();
        jobs.runDueJobs(pi.getId());
        tasks.take(task(pi).getId(), EXECUTOR);
        jobs.runDueJobsAndProviderPolling(pi.getId());
        assertThat(task(pi).getTaskDefinitionKey()).isEqualTo(LifecycleElements.EXECUTE_MANUALLY);
        return pi;
    }

    private static RequestPostProcessor executor() {
        return SecurityMockMvcRequestPostProcessors.user(EXECUTOR)
                .authorities(AuthorityUtils.createAuthorityList("GROUP_ops"));
    }

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private String historicEnd(ProcessInstance pi) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getEndActivityId();
    }

    /** The one « traitée » email of this request. */
    private SimpleMailMessage mailTo(ProcessInstance pi) {
        var sent = ArgumentCaptor.forClass(SimpleMailMessage.class);
        Mockito.verify(mailSender, Mockito.atLeastOnce()).send(sent.capture());
        List<SimpleMailMessage> done = sent.getAllValues().stream()
                .filter(m -> m.getSubject().equals("[Guichet Ops] Votre demande " + pi.getBusinessKey() + " est traitée"))
                .toList();
        assertThat(done).hasSize(1);
        return done.get(0);
    }

    private List<String> replies(ProcessInstance pi) {
        String root = RequestVariables.MATTERMOST_POST_ID.historic(historyService, pi.getId());
        return new ChatProbe(transports, identities).thread(root).orElseThrow().replyMessages();
    }
}
