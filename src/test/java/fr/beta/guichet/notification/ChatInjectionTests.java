package fr.beta.guichet.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.matrix.MatrixFakeApi;
import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.ChatProbe;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * Issue 11, point 6: a subdomain request whose typed fields (startup, target, reason, then the admin's rejection
 * reason) carry mentions, markdown links, bold, HTML and {@code <script>} reaches both chats inert — asserted on
 * what the chats' fakes received — while the app's mentions of the requester and the access holders still work.
 */
@GuichetSpringTest
@TestPropertySource(properties = "guichet.chat=both")
@Import(JobDriver.class)
class ChatInjectionTests {

    @Autowired RequestStarter starter;
    @Autowired RequestTypes types;
    @Autowired RequestTasks tasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired AccessHolders holders;
    @Autowired ChatIdentities identities;
    @Autowired ProviderTransports transports;
    @Autowired JobDriver jobs;

    @Test
    void typedTextIsInertInBothChatsAndTheHoldersAreStillMentioned() {
        String hostile = ChatRenderingTests.HOSTILE;
        @SuppressWarnings("unchecked")
        var type = (fr.beta.guichet.request.spi.RequestType<SubdomainRequest>) types.byKey("request-subdomain")
                .orElseThrow();
        var request = new SubdomainRequest("i" + UUID.randomUUID().toString().substring(0, 8),
                SubdomainRecordType.CNAME, "evil.example. " + hostile, 3600, hostile, hostile);
        String reference = starter.start(type, request, "alice");
        var pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult();
        jobs.runDueJobs(pi.getId());
        var claim = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        tasks.reject(claim.getId(), "florian", "Refusé : " + hostile);
        jobs.runDueJobs(pi.getId());

        String threadId = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(RequestVariables.MATTERMOST_POST_ID.name()).singleResult().getValue();
        var probe = new ChatProbe(transports, identities);
        assertThat(probe.chats()).extracting(SandboxChat::chat).containsExactly("mattermost", "matrix");
        List<String> holderIds = holders.of(type.resourceGroup());

        // Mattermost: the posts' markdown, as the fake received it
        var mattermost = probe.thread(probe.chat("mattermost").orElseThrow(), threadId).orElseThrow();
        String announce = mattermost.message();
        assertThat(announce).contains("**" + reference + "**").contains("de @alice : ");
        holderIds.forEach(id -> assertThat(announce).contains("@" + id));
        // two typed parts, each on its own line of the template: the description, then the requester's reason
        String typedInAnnounce = announce.substring(announce.indexOf("de @alice : ") + 12, announce.indexOf("\nPourquoi : "));
        ChatRenderingTests.assertInertForMattermost(typedInAnnounce);
        String reasonInAnnounce = announce.substring(announce.indexOf("\nPourquoi : ") + 12, announce.indexOf("\nGroupe"));
        assertThat(reasonInAnnounce).contains("\\<script\\>alert(1)\\</script\\>");
        ChatRenderingTests.assertInertForMattermost(reasonInAnnounce);
        String rejected = mattermost.replyMessages().get(mattermost.replyMessages().size() - 1);
        assertThat(rejected).startsWith(":no_entry: Demande rejetée : ").endsWith("(@alice)");
        ChatRenderingTests.assertInertForMattermost(rejected.substring(rejected.indexOf(" : ") + 3,
                rejected.lastIndexOf(" (@alice)")));

        // Matrix: the events' content, as the fake received it
        var matrixChat = (MatrixFakeApi) probe.chat("matrix").orElseThrow();
        var matrixThread = probe.thread(matrixChat, threadId).orElseThrow();
        List<ObjectNode> events = matrixChat.events().stream()
                .filter(e -> e.path("event_id").asText().equals(matrixThread.rootId())
                        || e.path("content").path("m.relates_to").path("event_id").asText().equals(matrixThread.rootId()))
                .toList();
        assertThat(events).hasSize(1 + matrixThread.replies().size());
        JsonNode root = events.get(0).path("content");
        String html = root.path("formatted_body").asText();
        assertThat(html).contains("<strong>" + reference + "</strong>");
        assertThat(html).contains("<a href=\"https://matrix.to/#/@alice-beta.gouv.fr:agent.dinum.tchap.gouv.fr\">alice</a>");
        holderIds.forEach(id -> assertThat(html).contains("https://matrix.to/#/@" + id + "-beta.gouv.fr:"));
        assertThat(html.split("<a ", -1)).hasSize(holderIds.size() + 2); // the requester and each holder, no other
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("evil.example\">")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        var mentioned = new java.util.ArrayList<String>();
        root.path("m.mentions").path("user_ids").forEach(id -> mentioned.add(id.asText()));
        var expected = new java.util.ArrayList<String>();
        expected.add("@alice-beta.gouv.fr:agent.dinum.tchap.gouv.fr");
        holderIds.forEach(id -> expected.add("@" + id + "-beta.gouv.fr:agent.dinum.tchap.gouv.fr"));
        assertThat(mentioned).containsExactlyInAnyOrderElementsOf(expected);
        for (ObjectNode event : events) {
            String body = event.path("content").path("body").asText();
            for (String line : body.split("\n")) {
                ChatRenderingTests.assertInertPlain(line);
            }
            String formatted = event.path("content").path("formatted_body").asText();
            assertThat(formatted).doesNotContain("<script").doesNotContain("<b>");
            assertThat(formatted.replaceAll("<a href=\"https://matrix.to/#/@[^\"]+\">[^<]*</a>", "")
                    .replaceAll("</?strong>|<br>", "")).doesNotContain("<").doesNotContain("https://");
        }
        JsonNode rejectedEvent = events.get(events.size() - 1).path("content");
        assertThat(rejectedEvent.path("m.relates_to").path("rel_type").asText()).isEqualTo("m.thread");
        assertThat(rejectedEvent.path("body").asText()).startsWith("⛔ Demande rejetée : Refusé : @\u200Bchannel");
    }
}
