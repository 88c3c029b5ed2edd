package fr.beta.guichet.mailbox;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A mailbox or redirection request, stored as the process variable {@code request}. It never holds a password.
 *
 * @param kind       mailbox or redirection
 * @param localPart  {@code prenom.nom}: lowercase letters and digits separated by dots or hyphens
 * @param redirectTo for a redirection, the address that receives the mail
 * @param startup    the startup asking
 * @param reason     why it is needed
 */
@RedirectionHasTarget
public record MailboxRequest(
        @NotNull(message = "{mailbox.kind.required}")
        MailboxKind kind,
        @NotBlank(message = "{mailbox.localPart.required}")
        @Size(max = 64, message = "{mailbox.localPart.size}")
        @Pattern(regexp = "^$|^[a-z0-9]+([.-][a-z0-9]+)*$", message = "{mailbox.localPart.pattern}")
        String localPart,
        @Size(max = 254, message = "{mailbox.redirectTo.size}")
        @Email(message = "{mailbox.redirectTo.invalid}")
        String redirectTo,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public MailboxRequest {
        localPart = FormText.trim(localPart);
        redirectTo = FormText.optional(redirectTo);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    static MailboxRequest blank() {
        return new MailboxRequest(MailboxKind.MAILBOX, "", "", "", "");
    }
}
