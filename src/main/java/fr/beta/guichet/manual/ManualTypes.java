package fr.beta.guichet.manual;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import fr.beta.guichet.access.AccessProperties;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.spi.RequestTypeSource;

/**
 * The manual types of the catalogue file, read and validated once at startup (a bad file stops the app with the
 * entry named), given to the request registry. A {@code request-manual-*} process key no longer declared while its
 * instances run gets a {@link RetiredManualType}, so they can finish.
 */
@Component
class ManualTypes implements RequestTypeSource {

    private final Map<String, ManualRequestType> byKey;
    private final RepositoryService repositoryService;
    private final Map<String, RequestType<?>> retired = new ConcurrentHashMap<>();

    ManualTypes(ManualProperties properties, ResourceLoader resources, AccessProperties access,
            List<RequestType<?>> codedTypes, @Lazy RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
        var groups = access.groups().stream().map(AccessProperties.Group::id).collect(Collectors.toSet());
        Resource file = resources.getResource(properties.catalogue());
        if (!file.exists()) {
            throw new ManualCatalogueException("Catalogue des demandes manuelles : le fichier " + properties.catalogue()
                    + " est introuvable (GUICHET_MANUAL_CATALOGUE).");
        }
        try (InputStream in = file.getInputStream()) {
            this.byKey = ManualCatalogue.read(properties.catalogue(), in, groups, codedTypes).stream()
                    .map(ManualRequestType::new)
                    .collect(Collectors.toMap(ManualRequestType::processKey, Function.identity(), (a, b) -> a,
                            java.util.LinkedHashMap::new));
        } catch (IOException e) {
            throw new ManualCatalogueException("Catalogue des demandes manuelles : lecture impossible de "
                    + properties.catalogue() + ".", e);
        }
    }

    @Override
    public List<ManualRequestType> requestTypes() {
        return List.copyOf(byKey.values());
    }

    Optional<ManualRequestType> declared(String processKey) {
        return Optional.ofNullable(byKey.get(processKey));
    }

    @Override
    public Optional<RequestType<?>> retired(String processKey) {
        if (!processKey.startsWith(ManualTypeDefinition.PROCESS_PREFIX) || byKey.containsKey(processKey)) {
            return Optional.empty();
        }
        RequestType<?> known = retired.get(processKey);
        if (known != null) {
            return Optional.of(known);
        }
        // Only keys with a deployed definition are kept: a made-up form path leaves nothing behind.
        Optional<RequestType<?>> type = Optional.ofNullable(repositoryService.createProcessDefinitionQuery()
                        .processDefinitionKey(processKey).latestVersion().singleResult())
                .map(ProcessDefinition::getName)
                .map(name -> new RetiredManualType(
                        processKey.substring(ManualTypeDefinition.PROCESS_PREFIX.length()), name));
        type.ifPresent(t -> retired.put(processKey, t));
        return type;
    }

    @Override
    public Optional<RequestType<?>> retiredAt(String formPath) {
        if (!formPath.startsWith("/demandes/")) {
            return Optional.empty();
        }
        return retired(ManualTypeDefinition.PROCESS_PREFIX + formPath.substring("/demandes/".length()));
    }
}
