package fr.beta.guichet.sentry;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.sentry.SentryClient;
import fr.beta.guichet.provider.sentry.SentryGrant;
import fr.beta.guichet.provider.sentry.SentryTeamRole;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Puts a person in a team of the Sentry organization: the team is created if missing, the person invited with the
 * team role when not in the organization, added to the team otherwise. {@link SentryClient#grant} reads before every
 * write, so a retried job never creates a second team or sends a second invitation.
 */
@Component
class SentryRequestType implements RequestType<SentryRequest> {

    private final SentryClient sentry;

    SentryRequestType(SentryClient sentry) {
        this.sentry = sentry;
    }

    @Override
    public String processKey() {
        return SentryProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande d'accès Sentry";
    }

    @Override
    public String referencePrefix() {
        return SentryProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return SentryProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<SentryRequest> requestClass() {
        return SentryRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/sentry";
    }

    @Override
    public SentryRequest blankForm() {
        return SentryRequest.blank();
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("teamRoles", SentryTeamRole.values());
    }

    @Override
    public String describe(SentryRequest request) {
        return "%s dans l'équipe Sentry %s (%s) pour %s".formatted(request.email(), request.team(),
                roleName(request), request.startup());
    }

    /**
     * A member of a team of the organization: the grant names the team and the email ({@code <team> <email>});
     * invited or added alike (a pending invitation is taken back the same way).
     */
    @Override
    public Optional<GrantSpec> grantOf(SentryRequest request) {
        return Optional.of(new GrantSpec(request.email(), "sentry", "équipe %s".formatted(request.team()),
                request.team() + " " + request.email(), roleName(request)));
    }

    @Override
    public Optional<CheckFailure> check(SentryRequest request) {
        if (sentry.isTeamMember(request.email(), request.team())) {
            return Optional.of(new CheckFailure("email",
                    "%s est déjà dans l'équipe Sentry « %s ».".formatted(request.email(), request.team())));
        }
        return Optional.empty();
    }

    @Override
    public Execution execute(SentryRequest request, String reference) {
        SentryGrant grant = sentry.grant(request.email(), request.team(), request.role());
        String team = (grant.teamCreated() ? "l'équipe %s (créée)" : "l'équipe %s").formatted(request.team());
        return Execution.ready(switch (grant.outcome()) {
            case INVITED -> "%s est invité dans l'organisation Sentry, dans %s (%s) : Sentry lui a envoyé "
                    .formatted(request.email(), team, roleName(request)) + "l'invitation à accepter.";
            case ADDED, ALREADY_IN_TEAM -> "%s est dans %s (%s).".formatted(request.email(), team, roleName(request));
        });
    }

    private static String roleName(SentryRequest request) {
        return switch (request.role()) {
            case MEMBER -> "membre";
            case ADMIN -> "admin";
        };
    }
}
