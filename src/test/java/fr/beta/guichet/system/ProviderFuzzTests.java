package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.request.chat.ChatReplyProcess;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;
import fr.beta.guichet.support.ProviderFault;

/**
 * Providers answering nonsense while a person acts, with the real clients on the sandbox fakes: at form submission
 * (500, 404, 429, HTML instead of JSON, an empty body, a timeout), the form comes back with its values and a French
 * notice, as a deliberate 503 with {@code Retry-After}, and nothing is started — unless the requester files it with
 * its checks left to {@code validate}; at « Je passe », the action succeeds whatever the chat answers, and its reply
 * is a job of its own that retries.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class ProviderFuzzTests {

    @Autowired MockMvc mvc;
    @Autowired FaultyTransport faults;
    @Autowired HistoryService historyService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JobDriver jobs;

    record Form(String path, String provider, Map<String, String> valid, String typed) {
        @Override
        public String toString() {
            return path;
        }
    }

    static final Form SUBDOMAIN = new Form("/demandes/sous-domaine", "ovh", Map.of("label", "@unique",
            "recordType", "CNAME", "target", "app.osc-fr1.scalingo.io.", "ttl", "3600", "startup", "Démo",
            "reason", "Mettre en ligne"), "label");
    static final Form MAILBOX = new Form("/demandes/adresse-mail", "ovh", Map.of("kind", "MAILBOX",
            "localPart", "@unique", "redirectTo", "", "startup", "Démo", "reason", "Arrivée"), "localPart");
    static final Form MATOMO = new Form("/demandes/matomo", "matomo", Map.of("email", "@unique@example.org",
            "siteUrl", "https://@unique.beta.gouv.fr", "siteName", "Site", "access", "VIEW", "startup", "Démo",
            "reason", "Statistiques"), "email");
    static final Form DOCKERHUB = new Form("/demandes/docker-hub", "dockerhub", Map.of("dockerId", "@unique",
            "team", "developers", "startup", "Démo", "reason", "Images"), "dockerId");

    /** What a misbehaving provider answers, by name. */
    static final Map<String, Function<ProviderRequest, ProviderResponse>> ANSWERS = Map.of(
            "500", r -> new ProviderResponse(500, "{\"message\":\"Internal Server Error\"}",
                    Map.of("Content-Type", "application/json")),
            "404", r -> new ProviderResponse(404, "{\"class\":\"Client::NotFound\",\"message\":\"Not found\"}",
                    Map.of("Content-Type", "application/json")),
            "429", r -> new ProviderResponse(429, "{\"message\":\"Too Many Requests\"}",
                    Map.of("Content-Type", "application/json", "Retry-After", "30")),
            "html", r -> new ProviderResponse(200, "<html><body>Maintenance</body></html>",
                    Map.of("Content-Type", "text/html")),
            "empty", r -> new ProviderResponse(200, "", Map.of()));

    static Stream<Arguments> faultsAtForms() {
        return Stream.of(SUBDOMAIN, MAILBOX, MATOMO, DOCKERHUB).flatMap(form -> Stream.concat(
                ANSWERS.keySet().stream().sorted().map(answer -> Arguments.of(form, answer)),
                Stream.of(Arguments.of(form, "timeout"))));
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @ParameterizedTest(name = "{0} answered {1}")
    @MethodSource("faultsAtForms")
    void aProviderThatMisbehavesAtSubmissionKeepsTheFormAndStartsNothing(Form form, String answer) throws Exception {
        arm(form.provider(), answer);
        String unique = unique();
        long before = instances();

        var result = mvc.perform(submit(form, unique, false)).andReturn().getResponse();
        String page = result.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains(form.valid().get(form.typed()).replace("@unique", unique));
        if (result.getStatus() == 200) {
            // a 404 on a lookup can be the provider's own answer "no such thing" (a Docker Hub team): then it is a
            // French error on the field, as for any failed check
            assertThat(answer).isEqualTo("404");
            assertThat(page).contains("Le formulaire contient des erreurs");
        } else {
            assertThat(result.getStatus()).isEqualTo(503);
            assertThat(result.getHeader("Retry-After")).isEqualTo("60");
            assertThat(page).contains("Vérification impossible pour le moment").contains("Envoyer sans vérification");
        }
        assertThat(instances()).isEqualTo(before);
        assertThat(faults.calls(form.provider())).anyMatch(FaultyTransport.Call::faulty);
    }

    @Test
    void theRequesterMayFileTheRequestWithItsChecksLeftToValidate() throws Exception {
        arm("dockerhub", "500");
        long before = instances();
        mvc.perform(submit(DOCKERHUB, unique(), true))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/mes-demandes"));
        assertThat(instances()).isEqualTo(before + 1);
    }

    @Test
    void declineSucceedsWhateverTheChatAnswersAndItsReplyIsRetriedOnItsOwn() throws Exception {
        String reference = (String) mvc.perform(submit(DOCKERHUB, unique(), false))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("created");
        var pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        jobs.runDueJobs(pi.getId());
        var claim = taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(LifecycleElements.CLAIM).singleResult();
        taskService.setAssignee(claim.getId(), "jerome");
        faults.answerNext("mattermost", FaultyTransport.all(), ANSWERS.get("500"), 1000);

        mvc.perform(post("/taches/" + claim.getId() + "/passer").with(user("jerome")
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("GROUP_ops-dockerhub")))
                .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(taskService.createTaskQuery().taskId(claim.getId()).singleResult().getAssignee()).isNull();
        var notification = runtimeService.createProcessInstanceQuery().processDefinitionKey(ChatReplyProcess.KEY)
                .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
        assertThat(notification).isNotNull();
        var job = managementService.createJobQuery().processInstanceId(notification.getId()).singleResult();
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();

        faults.reset();
        managementService.executeJob(job.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(notification.getId()).count())
                .isZero();
    }

    private void arm(String provider, String answer) {
        if (answer.equals("timeout")) {
            faults.failNext(provider, FaultyTransport.all(), ProviderFault.TIMEOUT_AFTER_WRITE, 1000);
        } else {
            faults.answerNext(provider, FaultyTransport.all(), ANSWERS.get(answer), 1000);
        }
    }

    private MockHttpServletRequestBuilder submit(Form form, String unique, boolean checkLater) {
        var fields = new HashMap<String, String>();
        form.valid().forEach((k, v) -> fields.put(k, v.replace("@unique", unique)));
        var request = post(form.path()).with(user("alice")).with(csrf());
        fields.forEach(request::param);
        if (checkLater) {
            request.param("checkLater", "true");
        }
        return request;
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private long instances() {
        return historyService.createHistoricProcessInstanceQuery().count();
    }
}
