package fr.beta.guichet.dockerhub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import fr.beta.guichet.request.spi.FormText;
import fr.beta.guichet.request.spi.RequestReason;
import fr.beta.guichet.request.spi.StartupName;

/**
 * A Docker Hub team membership request, stored as the process variable {@code request}.
 *
 * @param dockerId the person's Docker ID: 4 to 30 lowercase letters or digits
 * @param team     the team of the organization
 * @param startup  the startup asking
 * @param reason   why it is needed
 */
public record DockerHubRequest(
        @NotBlank(message = "{dockerhub.dockerId.required}")
        @Pattern(regexp = "^$|^[a-z0-9]{4,30}$", message = "{dockerhub.dockerId.pattern}")
        String dockerId,
        @NotBlank(message = "{dockerhub.team.required}")
        @Size(max = 50, message = "{dockerhub.team.size}")
        @Pattern(regexp = "^$|^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", message = "{dockerhub.team.pattern}")
        String team,
        @StartupName
        String startup,
        @RequestReason
        String reason) {

    public DockerHubRequest {
        dockerId = FormText.identifier(dockerId);
        team = FormText.trim(team);
        startup = FormText.trim(startup);
        reason = FormText.trim(reason);
    }

    static DockerHubRequest blank() {
        return new DockerHubRequest("", "", "", "");
    }
}
