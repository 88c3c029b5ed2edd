package fr.beta.guichet.dockerhub;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
        @NotBlank(message = "{request.startup.required}")
        @Size(max = 100, message = "{request.startup.size}")
        String startup,
        @NotBlank(message = "{request.reason.required}")
        @Size(max = 2000, message = "{request.reason.size}")
        String reason) {

    public DockerHubRequest {
        dockerId = dockerId == null ? null : dockerId.strip().toLowerCase(java.util.Locale.ROOT);
        team = team == null ? null : team.strip();
        startup = startup == null ? null : startup.strip();
        reason = reason == null ? null : reason.strip();
    }

    static DockerHubRequest blank() {
        return new DockerHubRequest("", "", "", "");
    }
}
