package fr.beta.guichet.support;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.notification.BothChats;
import fr.beta.guichet.notification.ChatThread;
import fr.beta.guichet.notification.SandboxChat;
import fr.beta.guichet.provider.ProviderTransports;

/**
 * What the sandbox chats of a context hold, whichever chat {@code guichet.chat} selects: Mattermost's and/or
 * Matrix's fake, read back as threads, and how each shows a mention. With {@code both}, the thread id kept by the
 * process ({@code mattermostPostId}) is {@code <mattermost id>|<matrix id>}: {@link #thread(String)} reads the first
 * chat's part, {@link #thread(SandboxChat, String)} any chat's.
 */
public class ChatProbe {

    private final ProviderTransports transports;
    private final ChatIdentities identities;

    public ChatProbe(ProviderTransports transports, ChatIdentities identities) {
        this.transports = transports;
        this.identities = identities;
    }

    /** The sandbox chats, Mattermost first (the order of the thread id's parts). */
    public List<SandboxChat> chats() {
        return transports.sandboxFakes().stream().filter(SandboxChat.class::isInstance).map(SandboxChat.class::cast)
                .sorted(Comparator.comparing(c -> c.chat().equals("mattermost") ? 0 : 1)).toList();
    }

    public SandboxChat first() {
        return chats().get(0);
    }

    public Optional<SandboxChat> chat(String name) {
        return chats().stream().filter(c -> c.chat().equals(name)).findFirst();
    }

    public List<ChatThread> threads() {
        return first().threads();
    }

    /** The thread of a process's thread id in the first chat. */
    public Optional<ChatThread> thread(String threadId) {
        return thread(first(), threadId);
    }

    public Optional<ChatThread> thread(SandboxChat chat, String threadId) {
        if (threadId == null) {
            return Optional.empty();
        }
        String[] parts = threadId.split("\\" + BothChats.SEPARATOR, -1);
        int index = chats().indexOf(chat);
        return index < parts.length ? chat.thread(parts[index]) : Optional.empty();
    }

    /** How the first chat shows a mention of this user (Mattermost: {@code @florian}; Matrix: their name). */
    public String mention(String userId) {
        return first().shownMention(identities.mention(userId));
    }
}
