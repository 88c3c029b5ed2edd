package fr.beta.guichet.matomo;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

import fr.beta.guichet.provider.matomo.MatomoAccess;

/**
 * A Matomo access request, stored as the process variable {@code request}.
 *
 * @param email    the person who gets access; also their Matomo login when they have none yet
 * @param siteUrl  the site's address ({@code https://…})
 * @param siteName the site's name in Matomo, used when the site must be created
 * @param access   view, write or admin
 * @param startup  the startup asking
 * @param reason   why it is needed
 */
public record MatomoRequest(
        @NotBlank(message = "{matomo.email.required}")
        @Size(max = 100, message = "{matomo.email.size}")
        @Email(regexp = "^$|.+@.+\\..+", message = "{matomo.email.invalid}")
        String email,
        @NotBlank(message = "{matomo.siteUrl.required}")
        @Size(max = 255, message = "{matomo.siteUrl.size}")
        @Pattern(regexp = "^$|^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\\d{1,5})?(/[^\\s]*)?$",
                message = "{matomo.siteUrl.invalid}")
        String siteUrl,
        @NotBlank(message = "{matomo.siteName.required}")
        @Size(max = 90, message = "{matomo.siteName.size}")
        String siteName,
        @NotNull(message = "{matomo.access.required}")
        MatomoAccess access,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public MatomoRequest {
        email = FormText.identifier(email);
        siteUrl = FormText.trim(siteUrl);
        siteName = FormText.trim(siteName);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    static MatomoRequest blank() {
        return new MatomoRequest("", "https://", "", MatomoAccess.VIEW, "", "");
    }
}
