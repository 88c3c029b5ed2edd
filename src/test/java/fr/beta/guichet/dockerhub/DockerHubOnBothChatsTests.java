package fr.beta.guichet.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * The lifecycle contract of {@link DockerHubProcessTests} with {@code guichet.chat=both} (the migration period):
 * the contract is checked on Mattermost, and every step must be in the Matrix thread as well.
 */
@TestPropertySource(properties = "guichet.chat=both")
class DockerHubOnBothChatsTests extends DockerHubProcessTests {

    @Test
    void everyStepIsPostedToBothChatsOnce() {
        ProcessInstance pi = start(newRequest());
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());
        tasks.confirm(task(pi).getId(), firstHolder());
        jobs.runDueJobs(pi.getId());
        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.DONE);

        String threadId = (String) historicVariable(pi, RequestVariables.MATTERMOST_POST_ID.name());
        assertThat(threadId).contains("|");
        var probe = chat();
        ChatThread mattermost = probe.thread(probe.chat("mattermost").orElseThrow(), threadId).orElseThrow();
        ChatThread matrix = probe.thread(probe.chat("matrix").orElseThrow(), threadId).orElseThrow();
        assertThat(mattermost.replies()).hasSize(2);
        assertThat(matrix.replies()).hasSize(mattermost.replies().size());
        assertThat(matrix.message()).contains(pi.getBusinessKey()).startsWith("📥");
        assertThat(matrix.replyMessages().get(1)).startsWith("✅ fait (par " + firstHolder() + ")");
        assertThat(mattermost.reactions()).containsExactly("white_check_mark");
        assertThat(matrix.reactions()).containsExactly("white_check_mark");
    }
}
