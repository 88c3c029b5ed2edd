package fr.beta.guichet.provider.mail;

import java.time.Instant;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ovh.EmailDomainClient;

/**
 * {@link MailProvider} on OVH's MX Plan ({@code guichet.mailboxes.provider=ovh}). OVH answers writes with a task:
 * creations report {@link Progress#PENDING} until the address shows. Guichet Ops generates the password and files it
 * before the call, so a retried job hands OVH the same one, and a mailbox found with a password filed is this
 * request's. A mailbox is revoked by deleting it (OVH's blocking is unverified).
 */
class OvhMailProvider implements MailProvider {

    private final EmailDomainClient email;
    private final String domain;

    OvhMailProvider(EmailDomainClient email, String domain) {
        this.email = email;
        this.domain = domain;
    }

    @Override
    public String name() {
        return "ovh";
    }

    @Override
    public String label() {
        return "OVH";
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean isTaken(String localPart) {
        String address = address(localPart);
        return email.findAccount(domain, localPart).isPresent()
                || !email.pendingAccountTasks(domain, localPart).isEmpty()
                || !email.findRedirections(domain, address, null).isEmpty()
                || !email.pendingRedirectionTasks(domain, address).isEmpty();
    }

    @Override
    public Progress createMailbox(String localPart, String description, MailboxPassword password) {
        boolean ours = password.filed();
        if (email.findAccount(domain, localPart).isPresent()) {
            if (ours) {
                return Progress.DONE;
            }
            throw new ProviderRejectedException("ovh", "La boîte %s existe déjà chez OVH.".formatted(address(localPart)));
        }
        if (!email.pendingAccountTasks(domain, localPart).isEmpty()) {
            if (ours) {
                return Progress.PENDING;
            }
            throw new ProviderRejectedException("ovh",
                    "La boîte %s est déjà en cours de création chez OVH.".formatted(address(localPart)));
        }
        email.createAccount(domain, localPart, password.fileGenerated(), description);
        return Progress.PENDING;
    }

    @Override
    public Progress mailboxProgress(String localPart) {
        return email.findAccount(domain, localPart).isPresent() ? Progress.DONE : Progress.PENDING;
    }

    @Override
    public Progress createRedirection(String localPart, String to) {
        String from = address(localPart);
        if (!email.findRedirections(domain, from, to).isEmpty()) {
            return Progress.DONE;
        }
        if (!email.findRedirections(domain, from, null).isEmpty()) {
            throw new ProviderRejectedException("ovh", "%s redirige déjà vers une autre adresse.".formatted(from));
        }
        // a creation whose answer was lost is still an OVH task: the retry waits for it instead of creating twice
        // (the address was free at validation, so a redirection being created from it is this request's)
        if (email.pendingRedirectionTasks(domain, from).stream().anyMatch(task -> task.action().equals("add"))) {
            return Progress.PENDING;
        }
        email.createRedirection(domain, from, to, false);
        return Progress.PENDING;
    }

    @Override
    public Progress redirectionProgress(String localPart, String to) {
        return email.findRedirections(domain, address(localPart), to).isEmpty() ? Progress.PENDING : Progress.DONE;
    }

    @Override
    public void revokeMailbox(String domain, String localPart, Instant now) {
        email.removeAccount(domain, localPart);
    }

    @Override
    public boolean isMailboxRevoked(String domain, String localPart) {
        return email.findAccount(domain, localPart).isEmpty();
    }

    @Override
    public void removeRedirection(String domain, String from, String to) {
        email.removeRedirection(domain, from, to);
    }

    @Override
    public boolean isRedirectionGone(String domain, String from, String to) {
        return email.findRedirections(domain, from, to).isEmpty();
    }

    @Override
    public int completeRevocations(Instant now) {
        return 0;
    }

    private String address(String localPart) {
        return localPart + "@" + domain;
    }
}
