package fr.beta.guichet.chatactions;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import fr.beta.guichet.notification.ChatRoomSync;

/**
 * What an event of a request's thread asks for, if anything: the whole message, once accents, case, punctuation,
 * emoji and spaces are set aside, is « je prends », « je passe » or « fait »; or the reaction is ✅ (with or without
 * its variation selector). Anything else — « je prends demain », « c'est fait ? non » — is conversation.
 */
enum ChatCommand {
    TAKE,
    DECLINE,
    CONFIRM;

    static Optional<ChatCommand> of(ChatRoomSync.Event event) {
        if (event.edit()) {
            return Optional.empty();
        }
        return switch (event.kind()) {
            case MESSAGE -> switch (normalize(event.body())) {
                case "je prends" -> Optional.of(TAKE);
                case "je passe" -> Optional.of(DECLINE);
                case "fait" -> Optional.of(CONFIRM);
                default -> Optional.empty();
            };
            case REACTION -> isCheckMark(event.body()) ? Optional.of(CONFIRM) : Optional.empty();
            case OTHER -> Optional.empty();
        };
    }

    /** Lower case, no accent, letters and digits only, single spaces. */
    static String normalize(String text) {
        if (text == null || text.length() > 200) {
            return "";
        }
        String noAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return noAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static boolean isCheckMark(String key) {
        return key != null && key.replace("\uFE0F", "").strip().equals("\u2705");
    }
}
