package fr.beta.guichet.notification;

/**
 * Which chat the requests are posted to: {@code guichet.chat} ({@code GUICHET_CHAT}), {@code mattermost} when
 * absent. {@code both} is for a migration period: every message goes to Mattermost and to Matrix, each idempotent
 * on its own.
 */
public enum ChatKind {
    MATTERMOST,
    MATRIX,
    BOTH;

    public boolean uses(ChatKind chat) {
        return this == BOTH || this == chat;
    }
}
