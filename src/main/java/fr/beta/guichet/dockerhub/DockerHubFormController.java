package fr.beta.guichet.dockerhub;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;

/** Start form of a Docker Hub team membership request. */
@Controller
@RequestMapping(DockerHubFormController.PATH)
class DockerHubFormController extends StartFormController<DockerHubRequest> {

    static final String PATH = "/demandes/docker-hub";

    DockerHubFormController(DockerHubRequestType type, RequestSubmission submission) {
        super(type, submission);
    }

    @Override
    protected String view() {
        return "requests/dockerhub/form";
    }

    @Override
    protected DockerHubRequest blankForm() {
        return DockerHubRequest.blank();
    }
}
