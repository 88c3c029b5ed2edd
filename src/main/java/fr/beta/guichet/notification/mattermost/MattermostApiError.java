package fr.beta.guichet.notification.mattermost;

import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * Mattermost's error body ({@code AppError}: {@code id, message, request_id, status_code}) and the single message
 * shape used by both the live client and the sandbox, so that an incident reads the same in both modes.
 * <p>
 * Every failure of a notification is a {@link ProviderUnavailableException}: a refused post (bad channel, unknown
 * root, bad token) is a configuration or technical problem for the ops team, never a business refusal.
 */
record MattermostApiError(String id, String message, String requestId, int statusCode) {

    static final String PROVIDER = "mattermost";

    String describe() {
        boolean hasRequestId = requestId != null && !requestId.isEmpty();
        return id + ": " + message + (hasRequestId ? " (request_id=" + requestId + ")" : "");
    }

    ProviderUnavailableException toException(String call) {
        return new ProviderUnavailableException(PROVIDER, failureMessage(call, statusCode, describe()));
    }

    /** For example {@code POST /api/v4/posts answered 401 (bot token invalid or expired): <AppError>}. */
    static String failureMessage(String call, int status, String detail) {
        return call + " answered " + status + hint(status) + ": " + detail;
    }

    private static String hint(int status) {
        if (status == 401) {
            return " (bot token invalid or expired)";
        }
        if (status == 403) {
            return " (bot lacks permission)";
        }
        if (status == 429) {
            return " (rate limited)";
        }
        if (status >= 500) {
            return " (server error)";
        }
        return " (check the channel, post and emoji)";
    }
}
