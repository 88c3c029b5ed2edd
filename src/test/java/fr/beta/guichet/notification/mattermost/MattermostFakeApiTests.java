package fr.beta.guichet.notification.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.beta.guichet.notification.ChatMessage;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.provider.InMemorySandboxStore;
import fr.beta.guichet.provider.JdbcSandboxStore;
import fr.beta.guichet.provider.ProviderMode;
import fr.beta.guichet.provider.ProviderRequest;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.SandboxStore;
import fr.beta.guichet.provider.SandboxTransport;

/**
 * The live {@link MattermostChannel} against {@link MattermostFakeApi}, in process (the sandbox's wiring): the
 * fake's API shapes, its refusals, idempotency by key, and its state kept in the database across a restart.
 */
class MattermostFakeApiTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MattermostProperties SANDBOX = MattermostProperties.sandbox().effective();
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"),
            ZoneOffset.UTC);

    private InMemorySandboxStore store;
    private MattermostFakeApi fake;
    private MattermostChannel channel;

    @BeforeEach
    void setUp() {
        store = new InMemorySandboxStore(CLOCK);
        fake = new MattermostFakeApi(store, SANDBOX, CLOCK);
        channel = new MattermostChannel(SANDBOX, new SandboxTransport("mattermost", fake, store));
    }

    @Test
    void threadIsARootWithRepliesAndTheDoneReaction() {
        String root = channel.post("SUB-2026-0001:announce", app(":inbox_tray: Nouvelle demande **SUB-2026-0001**"));
        channel.reply(root, "SUB-2026-0001:claimed", app(":raising_hand: florian prend la demande"));
        channel.reply(root, "SUB-2026-0001:done", app(":white_check_mark: fait"));
        channel.react(root, "white_check_mark");

        ChatThread thread = fake.thread(root).orElseThrow();
        assertThat(root).matches("[a-z0-9]{26}");
        assertThat(thread.message()).isEqualTo(":inbox_tray: Nouvelle demande **SUB-2026-0001**");
        assertThat(thread.replyMessages()).containsExactly(":raising_hand: florian prend la demande",
                ":white_check_mark: fait");
        assertThat(thread.reactions()).containsExactly("white_check_mark");
        assertThat(fake.sandboxTables()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("sandbox-mattermost-threads");
            assertThat(t.rows()).hasSize(3);
            assertThat(t.rows().get(0)).contains("✅");
            assertThat(t.rows().get(1).get(1)).startsWith("↳");
        });
    }

    @Test
    void theSameKeyPostsOnceAndTheSameReactionIsKeptOnce() {
        String root = channel.post("SUB-2026-0001:announce", app("Nouvelle demande"));
        assertThat(channel.post("SUB-2026-0001:announce", app("Nouvelle demande"))).isEqualTo(root);
        channel.reply(root, "SUB-2026-0001:claimed", app("pris"));
        channel.reply(root, "SUB-2026-0001:claimed", app("pris"));
        channel.react(root, "white_check_mark");
        channel.react(root, "white_check_mark");

        assertThat(fake.threads()).singleElement().satisfies(t -> {
            assertThat(t.replies()).hasSize(1);
            assertThat(t.reactions()).containsExactly("white_check_mark");
        });
    }

    @Test
    void aReplyToAnUnknownRootIsInvalidRootIdAsOnMattermost() {
        assertThatThrownBy(() -> channel.reply("ye6fsybwya4o3tgr61ow4n8bx3", "SUB-2026-0001:claimed", app("pris")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("GET /api/v4/posts/ye6fsybwya4o3tgr61ow4n8bx3/thread answered 404")
                .hasMessageContaining("app.post.get.app_error");

        var answer = store.atomically("mattermost", () -> fake.handle(new ProviderRequest("POST",
                SANDBOX.baseUrl() + "/api/v4/posts", Map.of("Authorization", "Bearer " + SANDBOX.token()),
                "{\"channel_id\":\"" + SANDBOX.channelId() + "\",\"message\":\"x\",\"root_id\":\"unknown\"}")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("api.post.create_post.root_id.app_error").contains("Invalid RootId parameter.");
    }

    @Test
    void aReplyToAReplyIsRefusedLikeAnUnknownRoot() throws Exception {
        String root = channel.post("k:announce", app("a"));
        channel.reply(root, "k:claimed", app("b"));
        String reply = fake.thread(root).orElseThrow().replies().get(0).id();
        var answer = fake.handle(new ProviderRequest("POST", SANDBOX.baseUrl() + "/api/v4/posts",
                Map.of("Authorization", "Bearer " + SANDBOX.token()),
                JSON.writeValueAsString(Map.of("channel_id", SANDBOX.channelId(), "message", "c", "root_id", reply))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Invalid RootId parameter.");
    }

    @Test
    void aWrongTokenIsRefusedAndNeverShown() {
        var wrong = new MattermostProperties(ProviderMode.LIVE, SANDBOX.baseUrl(), "not-the-bot-token",
                SANDBOX.channelId(), null, null);
        var client = new MattermostChannel(wrong, new SandboxTransport("mattermost", fake, store));
        assertThatThrownBy(() -> client.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 401 (bot token invalid or expired)")
                .hasMessageContaining("api.context.session_expired.app_error")
                .hasMessageNotContaining("not-the-bot-token");
    }

    @Test
    void anotherChannelIsAPermissionError() {
        var other = new MattermostProperties(ProviderMode.LIVE, SANDBOX.baseUrl(), SANDBOX.token(),
                "xe1tg9iboq6c8cg78enqowm3sc", null, null);
        var client = new MattermostChannel(other, new SandboxTransport("mattermost", fake, store));
        assertThatThrownBy(() -> client.post("k:announce", app("a")))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 403 (bot lacks permission)");
    }

    @Test
    void theChannelListingFindsRootsAmongTheLatest200Threads() {
        String first = channel.post("k0:announce", app("0"));
        for (int i = 1; i <= MattermostFakeApi.KEPT_IN_CHANNEL; i++) {
            String root = channel.post("k" + i + ":announce", app(String.valueOf(i)));
            channel.reply(root, "k" + i + ":claimed", app("pris"));
        }
        // replies do not push roots out of the listing (collapsedThreads=true): the 200 latest threads are found
        assertThat(channel.post("k1:announce", app("1"))).isEqualTo(fake.threads().get(1).rootId());
        // the oldest one is beyond Mattermost's largest page: posted again, as on the real server
        assertThat(channel.post("k0:announce", app("0"))).isNotEqualTo(first);
    }

    /**
     * Today's issue: « mvn spring-boot:run, a Docker Hub request submitted, the app stopped and started again,
     * « Je prends »: the « prise en charge » reply fails with Invalid RootId parameter (the sandbox thread was in
     * memory) ». The fake's state is in the database: a new store on the same H2 file finds the thread.
     */
    @Test
    void aThreadStartedBeforeARestartTakesItsRepliesAfterIt(@TempDir Path data) throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("guichet").toAbsolutePath() + ";DB_CLOSE_DELAY=0";
        String root;
        var before = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            Flyway.configure().dataSource(before).locations("classpath:db/migration").load().migrate();
            SandboxStore firstRun = jdbcStore(before);
            var client = new MattermostChannel(SANDBOX, new SandboxTransport("mattermost",
                    new MattermostFakeApi(firstRun, SANDBOX, CLOCK), firstRun));
            root = client.post("DCK-2026-0001:announce", app(":inbox_tray: Nouvelle demande **DCK-2026-0001**"));
        } finally {
            before.destroy(); // the app stops: its connection to the file database is closed
        }
        assertThat(Files.list(data)).isNotEmpty();

        var after = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            SandboxStore secondRun = jdbcStore(after);
            var fakeAfter = new MattermostFakeApi(secondRun, SANDBOX, CLOCK);
            var client = new MattermostChannel(SANDBOX, new SandboxTransport("mattermost", fakeAfter, secondRun));
            client.reply(root, "DCK-2026-0001:claimed", app(":raising_hand: jerome prend la demande"));
            assertThat(client.post("DCK-2026-0001:announce", app("again"))).isEqualTo(root);

            assertThat(fakeAfter.thread(root).orElseThrow().replyMessages())
                    .containsExactly(":raising_hand: jerome prend la demande");
        } finally {
            after.destroy();
        }
    }

    private static SandboxStore jdbcStore(SingleConnectionDataSource dataSource) {
        return new JdbcSandboxStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), CLOCK);
    }

    private static ChatMessage app(String text) {
        return new ChatMessage(List.of(new ChatMessage.AppText(text)));
    }

}
