package fr.beta.guichet.notification;

import java.util.List;
import java.util.Optional;

/**
 * A sandbox chat (the fake of Mattermost's or Matrix's API) read back as threads: for the « Bac à sable » page and
 * for tests, which find it among {@code ProviderTransports.sandboxFakes()}.
 */
public interface SandboxChat {

    /** {@code mattermost} or {@code matrix}. */
    String chat();

    /** Every thread, oldest first. */
    List<ChatThread> threads();

    Optional<ChatThread> thread(String rootId);

    /** How this chat shows a mention of the person (what a test finds in a thread's text). */
    String shownMention(ChatMessage.Mention mention);
}
