package fr.beta.guichet.dockerhub;

/** Descriptor of the {@code request-dockerhub} process. */
public final class DockerHubProcess {

    public static final String KEY = "request-dockerhub";
    public static final String REFERENCE_PREFIX = "DCK";
    public static final String RESOURCE_GROUP = "ops-dockerhub";

    private DockerHubProcess() {
    }
}
