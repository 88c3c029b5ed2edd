package fr.beta.guichet.dockerhub;

import java.util.Optional;

import org.springframework.stereotype.Component;

import fr.beta.guichet.provider.dockerhub.DockerHubClient;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Adds a Docker ID to a team, or invites it when it is not yet in the organization. Membership and pending
 * invitations are read first, so a retried job never invites twice.
 */
@Component
class DockerHubRequestType implements RequestType<DockerHubRequest> {

    private final DockerHubClient dockerHub;

    DockerHubRequestType(DockerHubClient dockerHub) {
        this.dockerHub = dockerHub;
    }

    @Override
    public String processKey() {
        return DockerHubProcess.KEY;
    }

    @Override
    public String name() {
        return "Demande d'accès Docker Hub";
    }

    @Override
    public String referencePrefix() {
        return DockerHubProcess.REFERENCE_PREFIX;
    }

    @Override
    public String resourceGroup() {
        return DockerHubProcess.RESOURCE_GROUP;
    }

    @Override
    public Class<DockerHubRequest> requestClass() {
        return DockerHubRequest.class;
    }

    @Override
    public String formPath() {
        return "/demandes/docker-hub";
    }

    @Override
    public DockerHubRequest blankForm() {
        return DockerHubRequest.blank();
    }

    @Override
    public String describe(DockerHubRequest request) {
        return "Docker ID %s dans l'équipe %s pour %s".formatted(request.dockerId(), request.team(), request.startup());
    }

    /** The form names a Docker ID, no email: the requester is the beneficiary. Member or invited alike. */
    @Override
    public Optional<GrantSpec> grantOf(DockerHubRequest request) {
        return Optional.of(new GrantSpec(null, "dockerhub",
                "équipe %s (Docker ID %s)".formatted(request.team(), request.dockerId()),
                request.team() + " " + request.dockerId(), "membre"));
    }

    @Override
    public Optional<CheckFailure> check(DockerHubRequest request) {
        if (!dockerHub.teamExists(request.team())) {
            return Optional.of(new CheckFailure("team",
                    "L'équipe « %s » n'existe pas dans l'organisation Docker Hub.".formatted(request.team())));
        }
        if (dockerHub.isMember(request.team(), request.dockerId())) {
            return Optional.of(new CheckFailure("dockerId",
                    "%s est déjà membre de l'équipe %s.".formatted(request.dockerId(), request.team())));
        }
        if (dockerHub.hasPendingInvite(request.team(), request.dockerId())) {
            return Optional.of(new CheckFailure("dockerId",
                    "%s a déjà une invitation en attente pour l'équipe %s.".formatted(request.dockerId(), request.team())));
        }
        return Optional.empty();
    }

    @Override
    public Execution execute(DockerHubRequest request, String reference) {
        String id = request.dockerId();
        String team = request.team();
        if (dockerHub.isMember(team, id)) {
            return Execution.ready("%s est membre de l'équipe %s.".formatted(id, team));
        }
        if (dockerHub.hasPendingInvite(team, id)) {
            return Execution.ready("%s est invité dans l'équipe %s ; l'invitation attend son acceptation.".formatted(id, team));
        }
        return switch (dockerHub.addMember(team, id)) {
            case ADDED, ALREADY_MEMBER -> Execution.ready("%s est membre de l'équipe %s.".formatted(id, team));
            case INVITED -> Execution.ready(
                    "%s est invité dans l'équipe %s : Docker Hub lui a envoyé l'invitation à accepter.".formatted(id, team));
        };
    }
}
