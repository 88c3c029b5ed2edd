package fr.beta.guichet.mailbox;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.mail.MailProvider;
import fr.beta.guichet.provider.mail.MailProvider.Progress;
import fr.beta.guichet.provider.mail.MailboxPassword;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.secrets.OneTimeSecrets;

/**
 * Checks and creates a mailbox or a redirection on the mail provider chosen by {@code guichet.mailboxes.provider}
 * (Dimail by default, or OVH), through the {@link MailProvider} seam. A provider still at work makes execution report
 * {@code PENDING} and the process checks again until the address is ready. Idempotent: a retried job never creates
 * twice; an address that exists without being ours is a conflict for the executor. A mailbox's password (generated
 * here for OVH, by Dimail otherwise) only goes to the request's one-time secret.
 */
@Component
class MailboxRequestType implements RequestType<MailboxRequest> {

    private final MailProvider mail;
    private final OneTimeSecrets secrets;
    private final PasswordGenerator passwords;

    MailboxRequestType(MailProvider mail, OneTimeSecrets secrets, PasswordGenerator passwords) {
        this.mail = mail;
        this.secrets = secrets;
        this.passwords = passwords;
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
        return Map.of("domain", mail.domain(), "kinds", MailboxKind.values());
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
                ? new GrantSpec(address, "mailbox", address, mail.domain() + " " + request.localPart(), "boîte")
                : new GrantSpec(address, "redirection", address + " → " + request.redirectTo(),
                        mail.domain() + " " + address + " " + request.redirectTo(), "redirection"));
    }

    @Override
    public Optional<CheckFailure> check(MailboxRequest request) {
        return mail.isTaken(request.localPart())
                ? Optional.of(new CheckFailure("localPart", "L'adresse « %s » est déjà utilisée.".formatted(address(request))))
                : Optional.empty();
    }

    @Override
    public Execution execute(MailboxRequest request, String reference) {
        if (request.kind() == MailboxKind.MAILBOX) {
            return mail.createMailbox(request.localPart(), "Guichet Ops " + reference, password(reference)) == Progress.DONE
                    ? Execution.ready(mailboxReady(request))
                    : Execution.pending("Création de la boîte %s demandée à %s.".formatted(address(request), mail.label()));
        }
        return mail.createRedirection(request.localPart(), request.redirectTo()) == Progress.DONE
                ? Execution.ready(redirectionReady(request))
                : Execution.pending("Création de la redirection %s demandée à %s.".formatted(address(request), mail.label()));
    }

    @Override
    public Execution checkPending(MailboxRequest request, String reference) {
        if (request.kind() == MailboxKind.MAILBOX) {
            return mail.mailboxProgress(request.localPart()) == Progress.DONE
                    ? Execution.ready(mailboxReady(request))
                    : Execution.pending("%s n'a pas encore créé la boîte %s.".formatted(mail.label(), address(request)));
        }
        return mail.redirectionProgress(request.localPart(), request.redirectTo()) == Progress.DONE
                ? Execution.ready(redirectionReady(request))
                : Execution.pending("%s n'a pas encore créé la redirection %s.".formatted(mail.label(), address(request)));
    }

    /** This request's one-time secret: the only way a mailbox password travels. */
    private MailboxPassword password(String reference) {
        return new MailboxPassword() {
            @Override
            public boolean filed() {
                return secrets.isAvailable(reference);
            }

            @Override
            public String fileGenerated() {
                return secrets.fileOnce(reference, passwords.generate());
            }

            @Override
            public void file(String fromProvider) {
                secrets.fileOnce(reference, fromProvider);
            }
        };
    }

    private String mailboxReady(MailboxRequest request) {
        return "La boîte %s est créée ; son mot de passe s'affiche une seule fois dans « Mes demandes »."
                .formatted(address(request));
    }

    private String redirectionReady(MailboxRequest request) {
        return "La redirection %s → %s est en place.".formatted(address(request), request.redirectTo());
    }

    private String address(MailboxRequest request) {
        return request.localPart() + "@" + mail.domain();
    }
}
