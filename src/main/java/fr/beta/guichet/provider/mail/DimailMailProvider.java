package fr.beta.guichet.provider.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.provider.dimail.CreatedMailbox;
import fr.beta.guichet.provider.dimail.DimailAddress;
import fr.beta.guichet.provider.dimail.DimailClient;

/**
 * {@link MailProvider} on Dimail ({@code guichet.mailboxes.provider=dimail}, the default).
 * <ul>
 *   <li>Checks read the v2 list (mailboxes and aliases) and the alias list: an address is taken as a mailbox or as
 *   an alias.</li>
 *   <li>A mailbox is created by {@code POST}; Dimail generates its password and gives it once: it goes straight to
 *   the request's one-time secret. The mailbox is ready when the v2 list says {@code imap_active=yes}
 *   ({@code wait} while provisioned). Found already there with a password filed, it is this request's (a retry after
 *   the job failed later); found there without one (someone else's, or the answer carrying the password was lost:
 *   Dimail never gives it again), the request goes to the executor with the reason. Either way there is never a
 *   second mailbox.</li>
 *   <li>A redirection is an alias; 409 « Alias already exists », or the same alias found, counts as done.</li>
 *   <li>Revoking a mailbox suspends it ({@code imap_active=no}) and schedules its deletion after
 *   {@code guichet.dimail.deletion-grace}; {@link #completeRevocations} deletes it then and reads the v2 list back.
 *   An alias is deleted at once.</li>
 * </ul>
 */
class DimailMailProvider implements MailProvider {

    private static final Logger log = LoggerFactory.getLogger(DimailMailProvider.class);

    private final DimailClient dimail;
    private final String domain;
    private final DimailDeletions deletions;
    private final Duration deletionGrace;

    DimailMailProvider(DimailClient dimail, String domain, DimailDeletions deletions, Duration deletionGrace) {
        this.dimail = dimail;
        this.domain = domain;
        this.deletions = deletions;
        this.deletionGrace = deletionGrace;
    }

    @Override
    public String name() {
        return DimailClient.PROVIDER;
    }

    @Override
    public String label() {
        return "Dimail";
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean isTaken(String localPart) {
        return dimail.address(domain, localPart).isPresent()
                || dimail.aliases(domain).stream().anyMatch(a -> a.userName().equalsIgnoreCase(localPart));
    }

    @Override
    public Progress createMailbox(String localPart, String description, MailboxPassword password) {
        Optional<DimailAddress> existing = dimail.address(domain, localPart);
        if (existing.isPresent()) {
            return alreadyThere(existing.get(), localPart, password);
        }
        String given = capitalized(localPart.contains(".") ? localPart.substring(0, localPart.indexOf('.')) : localPart);
        String sur = localPart.contains(".") ? capitalized(localPart.substring(localPart.indexOf('.') + 1)) : "";
        String display = (given + " " + sur).trim();
        Optional<CreatedMailbox> created = dimail.createMailbox(domain, localPart, given, sur, display);
        if (created.isEmpty()) {
            // 409: it appeared between the read and the write
            throw new ProviderRejectedException(name(), lostOrTaken(localPart));
        }
        password.file(created.get().password());
        return mailboxProgress(localPart);
    }

    private Progress alreadyThere(DimailAddress existing, String localPart, MailboxPassword password) {
        if (!existing.isMailbox()) {
            throw new ProviderRejectedException(name(),
                    "L'adresse %s est déjà un alias (redirection) chez Dimail.".formatted(address(localPart)));
        }
        if (!password.filed()) {
            throw new ProviderRejectedException(name(), lostOrTaken(localPart));
        }
        return existing.isActive() ? Progress.DONE : Progress.PENDING;
    }

    private String lostOrTaken(String localPart) {
        return ("La boîte %s existe déjà chez Dimail et son mot de passe n'a pas été reçu : soit quelqu'un d'autre l'a "
                + "créée, soit la réponse de Dimail à cette demande s'est perdue (Dimail ne donne le mot de passe "
                + "qu'une fois). À vérifier dans Dimail ; si c'est bien la boîte de cette demande, réinitialiser son mot "
                + "de passe et le transmettre à la personne.").formatted(address(localPart));
    }

    @Override
    public Progress mailboxProgress(String localPart) {
        return dimail.address(domain, localPart).filter(DimailAddress::isMailbox).filter(DimailAddress::isActive)
                .isPresent() ? Progress.DONE : Progress.PENDING;
    }

    @Override
    public Progress createRedirection(String localPart, String to) {
        if (aliasExists(domain, localPart, to)) {
            return Progress.DONE;
        }
        if (dimail.aliases(domain).stream().anyMatch(a -> a.userName().equalsIgnoreCase(localPart))) {
            throw new ProviderRejectedException(name(),
                    "%s redirige déjà vers une autre adresse chez Dimail.".formatted(address(localPart)));
        }
        if (dimail.address(domain, localPart).filter(DimailAddress::isMailbox).isPresent()) {
            throw new ProviderRejectedException(name(),
                    "L'adresse %s est une boîte chez Dimail, pas une redirection.".formatted(address(localPart)));
        }
        dimail.createAlias(domain, localPart, to, false); // false: 409 « Alias already exists », the same one
        return redirectionProgress(localPart, to);
    }

    @Override
    public Progress redirectionProgress(String localPart, String to) {
        return aliasExists(domain, localPart, to) ? Progress.DONE : Progress.PENDING;
    }

    // ---- offboarding ----

    @Override
    public void revokeMailbox(String domain, String localPart, Instant now) {
        Optional<DimailAddress> mailbox = dimail.address(domain, localPart).filter(DimailAddress::isMailbox);
        if (mailbox.isEmpty()) {
            return;
        }
        if (!mailbox.get().isSuspended()) {
            dimail.setImapActive(domain, localPart, false);
        }
        deletions.schedule(domain, localPart, now, now.plus(deletionGrace));
    }

    @Override
    public boolean isMailboxRevoked(String domain, String localPart) {
        Optional<DimailAddress> mailbox = dimail.address(domain, localPart).filter(DimailAddress::isMailbox);
        return mailbox.isEmpty() || (mailbox.get().isSuspended() && deletions.pending(domain, localPart));
    }

    @Override
    public void removeRedirection(String domain, String from, String to) {
        dimail.deleteAlias(domain, local(from), to);
    }

    @Override
    public boolean isRedirectionGone(String domain, String from, String to) {
        return !aliasExists(domain, local(from), to);
    }

    @Override
    public int completeRevocations(Instant now) {
        int deleted = 0;
        for (DimailDeletions.Deletion due : deletions.due(now)) {
            try {
                if (dimail.address(due.domain(), due.localPart()).isPresent()) {
                    dimail.deleteMailbox(due.domain(), due.localPart());
                }
                // verified by reading the v2 list back
                if (dimail.address(due.domain(), due.localPart()).isEmpty()) {
                    deletions.done(due, now);
                    deleted++;
                } else {
                    deletions.failed(due, "Toujours présente dans la liste de Dimail après sa suppression.");
                }
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                deletions.failed(due, e.getMessage());
                log.warn("Deleting suspended Dimail mailbox {}@{} failed (attempt {}): {}", due.localPart(), due.domain(),
                        due.attempts() + 1, e.getMessage());
            }
        }
        return deleted;
    }

    private boolean aliasExists(String domain, String localPart, String to) {
        return dimail.aliases(domain).stream().anyMatch(a -> a.userName().equalsIgnoreCase(localPart)
                && a.destination().equalsIgnoreCase(to));
    }

    private String address(String localPart) {
        return localPart + "@" + domain;
    }

    private static String local(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    private static String capitalized(String part) {
        return Arrays.stream(part.split("-")).filter(s -> !s.isEmpty())
                .map(s -> s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1))
                .collect(Collectors.joining("-"));
    }
}
