package fr.beta.guichet.mailbox;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A mailbox or redirection request, stored as the process variable {@code request}. It never holds a password.
 *
 * @param kind       mailbox or redirection
 * @param localPart  {@code prenom.nom}: lowercase letters and digits separated by dots or hyphens
 * @param redirectTo for a redirection, the address that receives the mail
 * @param startup    the startup asking
 * @param reason     why it is needed
 */
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
        @NotBlank(message = "{request.startup.required}")
        @Size(max = 100, message = "{request.startup.size}")
        String startup,
        @NotBlank(message = "{request.reason.required}")
        @Size(max = 2000, message = "{request.reason.size}")
        String reason) {

    public MailboxRequest {
        localPart = localPart == null ? null : localPart.strip();
        redirectTo = redirectTo == null || redirectTo.isBlank() ? null : redirectTo.strip();
        startup = startup == null ? null : startup.strip();
        reason = reason == null ? null : reason.strip();
    }

    /** A redirection needs its target; a mailbox has none. */
    @AssertTrue(message = "{mailbox.redirectTo.required}")
    boolean isRedirectToConsistent() {
        return kind != MailboxKind.REDIRECTION || redirectTo != null;
    }

    static MailboxRequest blank() {
        return new MailboxRequest(MailboxKind.MAILBOX, "", "", "", "");
    }
}
