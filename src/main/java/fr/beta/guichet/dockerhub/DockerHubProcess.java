package fr.beta.guichet.dockerhub;

import fr.beta.guichet.access.AccessGroups;

/** Descriptor of the {@code request-dockerhub} process. */
public final class DockerHubProcess {

    public static final String KEY = "request-dockerhub";
    public static final String REFERENCE_PREFIX = "DCK";
    public static final String RESOURCE_GROUP = AccessGroups.DOCKERHUB;

    private DockerHubProcess() {
    }
}
