package fr.beta.guichet.mailbox;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ovh.EmailDomainClient;
import fr.beta.guichet.provider.ovh.OvhDomains;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.secrets.OneTimeSecrets;

/**
 * Checks and creates a mailbox or a redirection at OVH. OVH answers with a task: execution reports
 * {@code PENDING} and the process checks again until the address exists. Idempotent: a retried job reuses the
 * password filed by the first attempt and does not create twice; an address that exists without being ours is a
 * conflict for the executor.
 */
@Component
class MailboxRequestType implements RequestType<MailboxRequest> {

    private final EmailDomainClient email;
    private final OneTimeSecrets secrets;
    private final PasswordGenerator passwords;
    private final OvhDomains properties;

    MailboxRequestType(EmailDomainClient email, OneTimeSecrets secrets, PasswordGenerator passwords,
            OvhDomains properties) {
        this.email = email;
        this.secrets = secrets;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public String processKey() {
        return MailboxProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande d'adresse mail";
    }

    @Override
    public String referencePrefix() {
        return MailboxProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return MailboxProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<MailboxRequest> requestClass() {
        return MailboxRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/adresse-mail";
    }

    @Override
    public MailboxRequest blankForm() {
        return MailboxRequest.blank();
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("domain", properties.mailDomain(), "kinds", MailboxKind.values());
    }

    @Override
    public String describe(MailboxRequest request) {
        return request.kind() == MailboxKind.MAILBOX
                ? "Boîte mail %s pour %s".formatted(address(request), request.startup())
                : "Redirection %s → %s pour %s".formatted(address(request), request.redirectTo(), request.startup());
    }

    @Override
    public Optional<GrantSpec> grantOf(MailboxRequest request) {
        String address = address(request);
        return Optional.of(request.kind() == MailboxKind.MAILBOX
                ? new GrantSpec(address, "mailbox", address, properties.mailDomain() + " " + request.localPart(), "boîte")
                : new GrantSpec(address, "redirection", address + " → " + request.redirectTo(),
                        properties.mailDomain() + " " + address + " " + request.redirectTo(), "redirection"));
    }

    @Override
    public Optional<CheckFailure> check(MailboxRequest request) {
        String domain = properties.mailDomain();
        boolean taken = email.findAccount(domain, request.localPart()).isPresent()
                || !email.pendingAccountTasks(domain, request.localPart()).isEmpty()
                || !email.findRedirections(domain, address(request), null).isEmpty()
                || !email.pendingRedirectionTasks(domain, address(request)).isEmpty();
        return taken
                ? Optional.of(new CheckFailure("localPart", "L'adresse « %s » est déjà utilisée.".formatted(address(request))))
                : Optional.empty();
    }

    @Override
    public Execution execute(MailboxRequest request, String reference) {
        return request.kind() == MailboxKind.MAILBOX ? createMailbox(request, reference) : createRedirection(request);
    }

    @Override
    public Execution checkPending(MailboxRequest request, String reference) {
        String domain = properties.mailDomain();
        if (request.kind() == MailboxKind.MAILBOX) {
            return email.findAccount(domain, request.localPart()).isPresent()
                    ? Execution.ready(mailboxReady(request))
                    : Execution.pending("OVH n'a pas encore créé la boîte %s.".formatted(address(request)));
        }
        return email.findRedirections(domain, address(request), request.redirectTo()).isEmpty()
                ? Execution.pending("OVH n'a pas encore créé la redirection %s.".formatted(address(request)))
                : Execution.ready(redirectionReady(request));
    }

    private Execution createMailbox(MailboxRequest request, String reference) {
        String domain = properties.mailDomain();
        boolean ours = secrets.isAvailable(reference);
        if (email.findAccount(domain, request.localPart()).isPresent()) {
            if (ours) {
                return Execution.ready(mailboxReady(request));
            }
            throw new ProviderRejectedException("ovh", "La boîte %s existe déjà chez OVH.".formatted(address(request)));
        }
        if (!email.pendingAccountTasks(domain, request.localPart()).isEmpty()) {
            if (ours) {
                return Execution.pending("OVH crée la boîte %s.".formatted(address(request)));
            }
            throw new ProviderRejectedException("ovh",
                    "La boîte %s est déjà en cours de création chez OVH.".formatted(address(request)));
        }
        String password = secrets.fileOnce(reference, passwords.generate());
        email.createAccount(domain, request.localPart(), password, "Guichet Ops " + reference);
        return Execution.pending("Création de la boîte %s demandée à OVH.".formatted(address(request)));
    }

    private Execution createRedirection(MailboxRequest request) {
        String domain = properties.mailDomain();
        String from = address(request);
        if (!email.findRedirections(domain, from, request.redirectTo()).isEmpty()) {
            return Execution.ready(redirectionReady(request));
        }
        if (!email.findRedirections(domain, from, null).isEmpty()) {
            throw new ProviderRejectedException("ovh", "%s redirige déjà vers une autre adresse.".formatted(from));
        }
        // a creation whose answer was lost is still an OVH task: the retry waits for it instead of creating twice
        // (the address was free at validation, so a redirection being created from it is this request's)
        if (email.pendingRedirectionTasks(domain, from).stream().anyMatch(task -> task.action().equals("add"))) {
            return Execution.pending("OVH crée la redirection %s.".formatted(from));
        }
        email.createRedirection(domain, from, request.redirectTo(), false);
        return Execution.pending("Création de la redirection %s demandée à OVH.".formatted(from));
    }

    private String mailboxReady(MailboxRequest request) {
        return "La boîte %s est créée ; son mot de passe s'affiche une seule fois dans « Mes demandes »."
                .formatted(address(request));
    }

    private String redirectionReady(MailboxRequest request) {
        return "La redirection %s → %s est en place.".formatted(address(request), request.redirectTo());
    }

    private String address(MailboxRequest request) {
        return request.localPart() + "@" + properties.mailDomain();
    }
}
