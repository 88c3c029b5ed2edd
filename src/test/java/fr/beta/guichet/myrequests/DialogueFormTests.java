package fr.beta.guichet.myrequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * « Demander une précision » over HTTP: the question on « Mes demandes », the answer alone, the answer with a
 * correction checked like the start form (French errors, nothing changed), and nobody but the requester answering.
 */
@GuichetSpringTest
class DialogueFormTests {

    private static final String ADMIN = "julien";

    @Autowired MockMvc mvc;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired RequestStarter starter;
    @Autowired RequestTasks tasks;
    @Autowired RequestTypes types;
    @Autowired JobDriver jobs;

    ProcessInstance pi;
    String reference;
    SubdomainRequest original;

    @BeforeEach
    void askedRequest() {
        BpmnAwareTests.init(engine);
        original = new SubdomainRequest("q" + UUID.randomUUID().toString().substring(0, 8), SubdomainRecordType.CNAME,
                "app.osc-fr1.scalingo.io.", 3600, "Startup d'État", "Mettre en ligne le site");
        @SuppressWarnings("unchecked")
        var subdomains = (RequestType<SubdomainRequest>) types.byKey("request-subdomain").orElseThrow();
        reference = starter.start(subdomains, original, "alice");
        pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        jobs.runDueJobs(pi.getId());
        tasks.ask(claimTask(), ADMIN, "Quel est le <b>nom</b> voulu ?");
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
    }

    @Test
    void mesDemandesShowsTheQuestionEscapedWithAReplyForm() throws Exception {
        mvc.perform(get("/mes-demandes/" + reference).with(user("alice")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Une question pour vous")))
                .andExpect(content().string(containsString("Quel est le &lt;b&gt;nom&lt;/b&gt; voulu ?")))
                .andExpect(content().string(containsString("la demande sera annulée")))
                .andExpect(content().string(containsString("/demandes/sous-domaine/reponse/" + reference)))
                .andExpect(content().string(containsString("En attente de votre réponse")));
        mvc.perform(get("/mes-demandes").with(user("alice")))
                .andExpect(content().string(containsString("En attente de votre réponse")));
    }

    @Test
    void theAnswerAloneSendsTheRequestBackToTheAdmin() throws Exception {
        mvc.perform(post("/mes-demandes/" + reference + "/repondre").param("answer", "  monsite, merci  ")
                        .with(user("alice")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/mes-demandes/" + reference))
                .andExpect(flash().attribute("answered", reference));
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM).hasNotPassed(LifecycleElements.REVALIDATE);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getAssignee())
                .isEqualTo(ADMIN);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.ANSWER.name())).isEqualTo("monsite, merci");
        mvc.perform(get("/taches/" + claimTask()).with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Questions et réponses")))
                .andExpect(content().string(containsString("monsite, merci")));
    }

    @Test
    void aBlankOrTooLongAnswerIsRefusedInFrench() throws Exception {
        for (String answer : new String[] {"   ", "x".repeat(2001), "avec\u0007cloche"}) {
            mvc.perform(post("/mes-demandes/" + reference + "/repondre").param("answer", answer)
                            .with(user("alice")).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Écrivez votre réponse")))
                    .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        }
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
    }

    @Test
    void theCorrectionFormIsTheStartFormsFieldsFilledWithTheRequest() throws Exception {
        mvc.perform(get("/demandes/sous-domaine/reponse/" + reference).with(user("alice")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Répondre à la question sur " + reference)))
                .andExpect(content().string(containsString("value=\"" + original.label() + "\"")))
                .andExpect(content().string(containsString("Nom du sous-domaine")));
    }

    @Test
    void anInvalidCorrectionShowsFrenchErrorsAndChangesNothing() throws Exception {
        mvc.perform(correction("Mon_Site", "Voici le bon nom"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lettres minuscules sans accent")))
                .andExpect(content().string(containsString("value=\"Mon_Site\"")));
        mvc.perform(correction("www", "Voici le bon nom"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("« www.beta.gouv.fr » est déjà utilisé")));
        mvc.perform(correction("monsite" + UUID.randomUUID().toString().substring(0, 4), ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Écrivez votre réponse")));
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        assertThat(currentRequest()).isEqualTo(original);
    }

    @Test
    void aValidCorrectionChangesTheDataAndTheChecksRunAgain() throws Exception {
        String label = "corrige" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(correction(label, "Voici le bon nom"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/mes-demandes/" + reference));
        assertThat(currentRequest().label()).isEqualTo(label);
        assertThat(currentRequest().target()).isEqualTo(original.target());
        jobs.runDueJobs(pi.getId());
        assertThat(pi).hasPassed(LifecycleElements.REVALIDATE).isWaitingAt(LifecycleElements.CLAIM);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.DESCRIPTION.name())).asString()
                .contains(label + ".beta.gouv.fr");
    }

    @Test
    void onlyTheRequesterAnswers() throws Exception {
        for (RequestPostProcessor other : new RequestPostProcessor[] {user("bob"), admin()}) {
            mvc.perform(get("/mes-demandes/" + reference).with(other)).andExpect(status().isNotFound());
            mvc.perform(post("/mes-demandes/" + reference + "/repondre").param("answer", "moi")
                    .with(other).with(csrf())).andExpect(status().isNotFound());
            mvc.perform(get("/demandes/sous-domaine/reponse/" + reference).with(other))
                    .andExpect(status().isNotFound());
            mvc.perform(correctionBy(other, "autre" + UUID.randomUUID().toString().substring(0, 4), "moi"))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/mes-demandes/" + reference + "/repondre").param("answer", "sans jeton")
                .with(user("alice"))).andExpect(status().isForbidden());
        mvc.perform(get("/mes-demandes/reponse").param("taskId", answerTask()).with(user("bob")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/mes-demandes/reponse").param("taskId", answerTask()).with(user("alice")))
                .andExpect(redirectedUrl("/mes-demandes/" + reference));
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        assertThat(currentRequest()).isEqualTo(original);
    }

    @Test
    void askingFromTheTaskListNeedsAQuestion() throws Exception {
        // answer, then the request is back at claim: ask again from the task's page (a row keeps only its main
        // action, issue 21)
        mvc.perform(post("/mes-demandes/" + reference + "/repondre").param("answer", "ok")
                .with(user("alice")).with(csrf()));
        jobs.runDueJobs(pi.getId());
        mvc.perform(get("/taches/" + claimTask()).with(admin()))
                .andExpect(content().string(containsString("Demander une précision")));
        mvc.perform(post("/taches/" + claimTask() + "/demander").param("question", "  ").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorKey", "task.error.questionRequired"));
        assertThat(pi).isWaitingAt(LifecycleElements.CLAIM);
        mvc.perform(post("/taches/" + claimTask() + "/demander").param("question", "Et la cible ?").with(admin()).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/taches"))
                .andExpect(flash().attribute("successKey", "tasks.done.ask"));
        jobs.runDueJobs(pi.getId());
        assertThat(pi).isWaitingAt(LifecycleElements.ANSWER_QUESTION);
        mvc.perform(get("/taches").with(admin()))
                .andExpect(content().string(not(containsString("data-task=\"" + answerTask() + "\""))));
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.QUESTION_COUNT.name())).isEqualTo(2);
    }

    private MockHttpServletRequestBuilder correction(String label, String answer) {
        return correctionBy(user("alice"), label, answer);
    }

    private MockHttpServletRequestBuilder correctionBy(RequestPostProcessor who, String label, String answer) {
        return post("/demandes/sous-domaine/reponse/" + reference).with(who).with(csrf())
                .param("answer", answer).param("label", label).param("recordType", "CNAME")
                .param("target", original.target()).param("ttl", "3600")
                .param("startup", original.startup()).param("reason", original.reason());
    }

    private SubdomainRequest currentRequest() {
        ObjectValue value = runtimeService.getVariableTyped(pi.getId(), RequestVariables.REQUEST.name());
        return value.getValue(SubdomainRequest.class);
    }

    private String claimTask() {
        return taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(LifecycleElements.CLAIM).singleResult().getId();
    }

    private String answerTask() {
        return taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(LifecycleElements.ANSWER_QUESTION).singleResult().getId();
    }

    private static RequestPostProcessor admin() {
        return user(ADMIN).authorities(new SimpleGrantedAuthority("GROUP_ops-ovh"));
    }
}
