package fr.beta.guichet.tasks;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** The task list and the task form at each step, as an admin of the group sees them. */
@GuichetSpringTest
@Import(JobDriver.class)
class TaskPagesTests {

    @Autowired MockMvc mvc;
    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JobDriver jobs;

    @Test
    void claimAndConfirmFormsShowTheRequestItsHistoryAndTheirActions() throws Exception {
        @SuppressWarnings("unchecked")
        var type = (RequestType<SubdomainRequest>) types.byKey(SubdomainProcess.KEY).orElseThrow();
        String label = "page" + UUID.randomUUID().toString().substring(0, 6);
        String reference = starter.start(type, new SubdomainRequest(label, SubdomainRecordType.A, "192.0.2.44", 300,
                "Démo", "Pages"), "alice");
        String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult().getId();
        jobs.runDueJobs(pi);
        String claim = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();

        mvc.perform(get("/taches").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-reference=\"" + reference + "\"")))
                .andExpect(content().string(containsString("Je prends")));
        mvc.perform(get("/taches?group=ops-ovh&type=" + SubdomainProcess.KEY).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString(reference)));
        mvc.perform(get("/taches?type=request-matomo").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(reference))));
        mvc.perform(get("/taches/" + claim).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString(label + ".beta.gouv.fr")))
                .andExpect(content().string(containsString("Je passe")))
                .andExpect(content().string(containsString("Motif du rejet")))
                .andExpect(content().string(not(containsString("Approuver"))));

        tasks.take(claim, "julien");
        jobs.runDueJobs(pi);
        String confirm = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        mvc.perform(get("/taches/" + confirm).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Confirmation")))
                .andExpect(content().string(containsString("par julien")))
                .andExpect(content().string(containsString("Résultat de l&#39;exécution")));
    }

    private static RequestPostProcessor admin() {
        return user("julien").authorities(new SimpleGrantedAuthority("GROUP_ops-ovh"));
    }
}
