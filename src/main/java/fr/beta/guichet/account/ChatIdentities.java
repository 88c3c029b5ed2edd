package fr.beta.guichet.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.beta.guichet.notification.ChatMessage;

/**
 * People's chat identities — their Tchap (Matrix) user id and their Mattermost username — kept as Camunda user
 * info ({@code ACT_ID_INFO}, keys {@value #MATRIX_KEY} and {@value #MATTERMOST_KEY}): no table of our own, and
 * the identity goes with the user in Camunda Admin. Set by each person on « Mon compte ».
 */
@Component
public class ChatIdentities {

    static final String MATRIX_KEY = "guichet.chat.matrix";
    static final String MATTERMOST_KEY = "guichet.chat.mattermost";

    /**
     * A Matrix user id as the spec defines it: {@code @localpart:server_name}, localpart of
     * {@code a-z 0-9 . _ = - / +}, server a host name or IP literal with an optional port, 255 characters at most.
     */
    static final Pattern MATRIX_USER_ID = Pattern.compile(
            "@[a-z0-9._=\\-/+]+:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
                    + "|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?");
    /** Mattermost's username rule: 3 to 22 characters, a lowercase letter first, then letters, digits, . _ -. */
    static final Pattern MATTERMOST_USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,21}");

    private final IdentityService identityService;
    private final JdbcTemplate jdbc;

    ChatIdentities(IdentityService identityService, JdbcTemplate jdbc) {
        this.identityService = identityService;
        this.jdbc = jdbc;
    }

    /**
     * The users who declared this Matrix id on « Mon compte » (the chat's reader maps a sender to a person by it):
     * normally one or none. The engine's identity API has no query by user info: this reads its table
     * ({@code ACT_ID_INFO}, documented schema), then keeps the users that still exist.
     */
    public List<String> usersWithMatrixId(String matrixUserId) {
        String id = normalize(matrixUserId);
        if (id == null) {
            return List.of();
        }
        return jdbc.queryForList("SELECT USER_ID_ FROM ACT_ID_INFO WHERE KEY_ = ? AND VALUE_ = ? ORDER BY USER_ID_",
                        String.class, MATRIX_KEY, id).stream()
                .filter(user -> identityService.createUserQuery().userId(user).count() > 0)
                .distinct().toList();
    }

    /** {@code account.matrix.taken} when another account declared this Matrix id already; blank is free. */
    public Optional<String> checkMatrixUserIdFree(String userId, String matrixUserId) {
        return usersWithMatrixId(matrixUserId).stream().anyMatch(other -> !other.equals(userId))
                ? Optional.of("account.matrix.taken") : Optional.empty();
    }

    /** The person as a chat mention: identifiers when known, their name otherwise. */
    public ChatMessage.Mention mention(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        String name = user == null ? userId : displayName(user);
        return new ChatMessage.Mention(userId, name, identityService.getUserInfo(userId, MATTERMOST_KEY),
                identityService.getUserInfo(userId, MATRIX_KEY));
    }

    public Identity of(String userId) {
        return new Identity(identityService.getUserInfo(userId, MATRIX_KEY),
                identityService.getUserInfo(userId, MATTERMOST_KEY));
    }

    /** Sets (or, blank, removes) both identifiers of this user; call {@link #validate} first. */
    public void set(String userId, Identity identity) {
        put(userId, MATRIX_KEY, normalize(identity.matrixUserId()));
        put(userId, MATTERMOST_KEY, normalizeUsername(identity.mattermostUsername()));
    }

    /** The message key of what is wrong with a Matrix user id, or empty; blank means "none". */
    public static Optional<String> checkMatrixUserId(String value) {
        String id = normalize(value);
        if (id == null) {
            return Optional.empty();
        }
        if (id.length() > 255 || !MATRIX_USER_ID.matcher(id).matches()) {
            return Optional.of("account.matrix.invalid");
        }
        return Optional.empty();
    }

    public static Optional<String> checkMattermostUsername(String value) {
        String name = normalizeUsername(value);
        if (name == null) {
            return Optional.empty();
        }
        return MATTERMOST_USERNAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("account.mattermost.invalid");
    }

    private void put(String userId, String key, String value) {
        if (value == null) {
            identityService.deleteUserInfo(userId, key);
        } else {
            identityService.setUserInfo(userId, key, value);
        }
    }

    private static String normalize(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A Mattermost username may be typed with its {@code @}; usernames are lowercase. */
    private static String normalizeUsername(String value) {
        String name = normalize(value);
        if (name == null) {
            return null;
        }
        return (name.startsWith("@") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }

    private static String displayName(User user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName().strip();
        String last = user.getLastName() == null ? "" : user.getLastName().strip();
        String name = (first + " " + last).strip();
        // demo users are named "<id> (démo)": the id alone reads better in a chat
        if (name.isEmpty() || last.equals("(démo)")) {
            return first.isEmpty() ? user.getId() : first;
        }
        return name;
    }

    /** What a person set on « Mon compte »; {@code null} when not set. */
    public record Identity(String matrixUserId, String mattermostUsername) {
    }
}
