package fr.beta.guichet.request.engine;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Deploys one process definition per registered request type, derived from the one lifecycle model, when the
 * application starts (before it takes requests and before identity setup grants on the definitions).
 * <p>
 * Duplicate filtering makes a restart with the same template and types deploy nothing; a changed template or a
 * new type deploys a new version of each changed definition, and instances already running finish on the version
 * they started on. Nodes that start together serialize on the engine's deployment lock.
 */
@Component
class RequestModelDeployment implements InitializingBean {

    /** Name of the engine deployment holding the request types' definitions. */
    static final String NAME = "guichet-request-types";

    private static final Logger log = LoggerFactory.getLogger(RequestModelDeployment.class);

    private final RepositoryService repositoryService;
    private final RequestTypes types;

    RequestModelDeployment(RepositoryService repositoryService, RequestTypes types) {
        this.repositoryService = repositoryService;
        this.types = types;
    }

    @Override
    public void afterPropertiesSet() {
        var builder = repositoryService.createDeployment().name(NAME).source(NAME)
                .enableDuplicateFiltering(true);
        for (RequestType<?> type : types.all()) {
            builder.addModelInstance(RequestModels.resourceName(type), RequestModels.of(type));
        }
        Deployment deployment = builder.deployWithResult();
        log.info("Request types deployed from {}: {} (deployment {})", RequestModels.TEMPLATE, types.processKeys(),
                deployment.getId());
    }
}
