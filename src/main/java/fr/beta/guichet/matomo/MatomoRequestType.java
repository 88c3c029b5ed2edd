package fr.beta.guichet.matomo;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.matomo.MatomoAccess;
import fr.beta.guichet.provider.matomo.MatomoClient;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Gives a person an access level on a Matomo site: creates the site when its URL is not tracked (Matomo does not
 * check URL uniqueness, so the lookup comes first), invites the person when they have no account, then sets the
 * access. Every step reads before it writes, so a retried job does nothing twice.
 */
@Component
class MatomoRequestType implements RequestType<MatomoRequest> {

    private final MatomoClient matomo;

    MatomoRequestType(MatomoClient matomo) {
        this.matomo = matomo;
    }

    @Override
    public String processKey() {
        return MatomoProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande d'accès Matomo";
    }

    @Override
    public String referencePrefix() {
        return MatomoProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return MatomoProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<MatomoRequest> requestClass() {
        return MatomoRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/matomo";
    }

    @Override
    public MatomoRequest blankForm() {
        return MatomoRequest.blank();
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("accessLevels", MatomoAccess.values());
    }

    @Override
    public String describe(MatomoRequest request) {
        return "Accès %s à %s (%s) pour %s, %s".formatted(request.access().apiValue(), request.siteName(),
                request.siteUrl(), request.email(), request.startup());
    }

    /** Matomo's login and site id are looked up again at revocation: the grant names the email and the URL. */
    @Override
    public Optional<GrantSpec> grantOf(MatomoRequest request) {
        return Optional.of(new GrantSpec(request.email(), "matomo",
                "%s (%s)".formatted(request.siteName(), request.siteUrl()),
                request.email() + " " + request.siteUrl(), request.access().apiValue()));
    }

    @Override
    public Optional<CheckFailure> check(MatomoRequest request) {
        Optional<String> login = matomo.loginForEmail(request.email());
        if (login.isEmpty() && matomo.userExists(request.email())) {
            return Optional.of(new CheckFailure("email",
                    "L'identifiant Matomo « %s » appartient déjà à une autre adresse.".formatted(request.email())));
        }
        Optional<Integer> site = matomo.siteIdForUrl(request.siteUrl());
        if (login.isPresent() && site.isPresent()
                && matomo.accessOf(login.get(), site.get()).filter(request.access()::equals).isPresent()) {
            return Optional.of(new CheckFailure("access", "%s a déjà l'accès %s à ce site.".formatted(request.email(),
                    request.access().apiValue())));
        }
        return Optional.empty();
    }

    @Override
    public Execution execute(MatomoRequest request, String reference) {
        int siteId = matomo.siteIdForUrl(request.siteUrl())
                .orElseGet(() -> matomo.addSite(request.siteName(), request.siteUrl()));
        String login = matomo.loginForEmail(request.email()).orElse(null);
        boolean invited = false;
        if (login == null) {
            if (matomo.userExists(request.email())) {
                throw new ProviderRejectedException("matomo",
                        "L'identifiant %s existe déjà avec une autre adresse.".formatted(request.email()));
            }
            matomo.inviteUser(request.email(), request.email(), siteId);
            login = request.email();
            invited = true;
        }
        if (matomo.accessOf(login, siteId).filter(request.access()::equals).isEmpty()) {
            matomo.setAccess(login, request.access(), siteId);
        }
        return Execution.ready("Accès %s au site n°%d (%s) pour %s%s.".formatted(request.access().apiValue(), siteId,
                request.siteUrl(), login, invited ? " ; Matomo lui a envoyé une invitation par e-mail" : ""));
    }
}
