package fr.beta.guichet.sentry;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A Sentry team membership request, stored as the process variable {@code request}.
 *
 * @param email   the person's email: their Sentry account's, or where Sentry sends the invitation
 * @param team    the startup's team slug, Sentry's rules: lowercase letters, digits, {@code -} and {@code _}, not
 *                only digits, at most 50 characters; created if missing
 * @param role    the team role: member (Sentry's contributor) or admin
 * @param startup the startup asking
 * @param reason  why it is needed
 */
public record SentryRequest(
        @NotBlank(message = "{sentry.email.required}")
        @Size(max = 75, message = "{sentry.email.size}")
        @Email(regexp = "^$|.+@.+\\..+", message = "{sentry.email.invalid}")
        String email,
        @NotBlank(message = "{sentry.team.required}")
        @Size(max = 50, message = "{sentry.team.size}")
        @Pattern(regexp = "^[a-z0-9_-]*$", message = "{sentry.team.pattern}")
        @Pattern(regexp = "^$|.*[^0-9].*", message = "{sentry.team.numeric}")
        String team,
        @NotNull(message = "{sentry.role.required}")
        SentryTeamRole role,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public SentryRequest {
        email = FormText.identifier(email);
        team = FormText.trim(team);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    static SentryRequest blank() {
        return new SentryRequest("", "", SentryTeamRole.MEMBER, "", "");
    }
}
