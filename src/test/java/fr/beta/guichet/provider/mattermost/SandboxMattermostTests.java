package fr.beta.guichet.provider.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import fr.beta.guichet.provider.ProviderUnavailableException;
import org.junit.jupiter.api.Test;

class SandboxMattermostTests {

    private static final Instant NOW = Instant.parse("2026-01-05T09:30:00Z");

    private final SandboxMattermost sandbox = new SandboxMattermost(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void postIdsLookLikeMattermostIds() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 500; i++) {
            ids.add(sandbox.post("D-" + i + ":announce", "Demande " + i));
        }

        assertThat(ids).hasSize(500).allMatch(id -> id.matches("[ybndrfg8ejkmcpqxot1uwisza345h769]{26}"));
    }

    @Test
    void postStartsAThreadThatRepliesFollowInOrder() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande : sous-domaine monsite");

        sandbox.reply(root, "SUB-1:claimed", "Pris en charge par florian");
        sandbox.reply(root, "SUB-1:done", "Fait");

        var thread = sandbox.thread(root).orElseThrow();
        assertThat(thread.rootId()).isEqualTo(root);
        assertThat(thread.message()).isEqualTo("Nouvelle demande : sous-domaine monsite");
        assertThat(thread.createdAt()).isEqualTo(NOW);
        assertThat(thread.replies()).extracting(SandboxThread.Reply::message)
                .containsExactly("Pris en charge par florian", "Fait");
        assertThat(thread.replies()).extracting(SandboxThread.Reply::id)
                .doesNotHaveDuplicates().doesNotContain(root);
        assertThat(thread.replies()).extracting(SandboxThread.Reply::createdAt).containsOnly(NOW);
    }

    @Test
    void sameKeyGivesTheSamePostAndPostsOnce() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");
        String again = sandbox.post("SUB-1:announce", "Nouvelle demande (réessai)");
        String other = sandbox.post("SUB-2:announce", "Nouvelle demande");

        sandbox.reply(root, "SUB-1:reminder:1", "Relance n°1");
        sandbox.reply(root, "SUB-1:reminder:1", "Relance n°1");
        sandbox.reply(root, "SUB-1:reminder:2", "Relance n°2");
        sandbox.reply(other, "SUB-1:reminder:1", "Relance n°1 ailleurs");

        assertThat(again).isEqualTo(root);
        assertThat(other).isNotEqualTo(root);
        assertThat(sandbox.threads()).extracting(SandboxThread::message).containsExactly("Nouvelle demande",
                "Nouvelle demande");
        assertThat(sandbox.thread(root).orElseThrow().replies()).extracting(SandboxThread.Reply::message)
                .containsExactly("Relance n°1", "Relance n°2");
        assertThat(sandbox.thread(other).orElseThrow().replies()).hasSize(1);
    }

    @Test
    void blankKeyIsRefused() {
        assertThatThrownBy(() -> sandbox.post(" ", "Nouvelle demande")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.post(null, "Nouvelle demande")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sandbox.threads()).isEmpty();
    }

    @Test
    void threadsAreListedOldestFirst() {
        String first = sandbox.post("A:announce", "Première");
        String second = sandbox.post("B:announce", "Deuxième");

        assertThat(sandbox.threads()).extracting(SandboxThread::rootId).containsExactly(first, second);
        assertThat(sandbox.thread("unknown")).isEmpty();
    }

    @Test
    void replyToUnknownRootFailsLikeTheApi() {
        assertThatThrownBy(() -> sandbox.reply("naswrfdx15bk3wsg5fnkmhrj5k", "SUB-1:done", "Fait"))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("mattermost: POST /api/v4/posts answered 400")
                .hasMessageContaining("api.post.create_post.root_id.app_error: Invalid RootId parameter.")
                .hasMessageContaining("request_id=");
        assertThat(sandbox.threads()).isEmpty();
    }

    @Test
    void replyToAReplyFailsLikeTheApi() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");
        sandbox.reply(root, "SUB-1:claimed", "Pris en charge");
        String replyId = sandbox.thread(root).orElseThrow().replies().get(0).id();

        assertThatThrownBy(() -> sandbox.reply(replyId, "SUB-1:done", "Fait"))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("api.post.create_post.root_id.app_error");
    }

    @Test
    void sameReactionTwiceIsKeptOnce() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");

        sandbox.react(root, "eyes");
        sandbox.react(root, "white_check_mark");
        sandbox.react(root, "white_check_mark");

        assertThat(sandbox.thread(root).orElseThrow().reactions()).containsExactly("eyes", "white_check_mark");
    }

    @Test
    void reactionOnAReplyIsRecordedOnThatReply() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");
        sandbox.reply(root, "SUB-1:done", "Fait");
        String replyId = sandbox.thread(root).orElseThrow().replies().get(0).id();

        sandbox.react(replyId, "white_check_mark");

        var thread = sandbox.thread(root).orElseThrow();
        assertThat(thread.reactions()).isEmpty();
        assertThat(thread.replies().get(0).reactions()).containsExactly("white_check_mark");
    }

    @Test
    void reactionOnUnknownPostFailsLikeTheApi() {
        assertThatThrownBy(() -> sandbox.react("naswrfdx15bk3wsg5fnkmhrj5k", "white_check_mark"))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("mattermost: POST /api/v4/reactions answered 403")
                .hasMessageContaining("api.context.permissions.app_error");
    }

    @Test
    void emojiNameWithColonsIsRefusedLikeTheApi() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");

        assertThatThrownBy(() -> sandbox.react(root, ":white_check_mark:"))
                .isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("answered 400")
                .hasMessageContaining("model.reaction.is_valid.emoji_name.app_error");
        assertThat(sandbox.thread(root).orElseThrow().reactions()).isEmpty();
    }

    @Test
    void snapshotsDoNotChangeAfterwardsAndCannotBeModified() {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");
        var before = sandbox.thread(root).orElseThrow();

        sandbox.reply(root, "SUB-1:done", "Fait");
        sandbox.react(root, "white_check_mark");

        assertThat(before.replies()).isEmpty();
        assertThat(before.reactions()).isEmpty();
        assertThatThrownBy(() -> before.reactions().add("eyes")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sandbox.threads().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentCallsAreAllRecorded() throws InterruptedException {
        String root = sandbox.post("SUB-1:announce", "Nouvelle demande");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            IntStream.range(0, 200).forEach(i -> pool.execute(() -> {
                sandbox.post("D-" + i + ":announce", "Demande " + i);
                sandbox.reply(root, "R:" + i, "Réponse " + i);
                sandbox.react(root, "white_check_mark");
            }));
        } finally {
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sandbox.threads()).hasSize(201);
        var thread = sandbox.thread(root).orElseThrow();
        assertThat(thread.replies()).hasSize(200);
        assertThat(thread.reactions()).containsExactly("white_check_mark");
    }
}
