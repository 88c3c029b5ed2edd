package fr.beta.guichet.request.read;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.RequestType;

/** Registry of the request types, by process key. */
@Component
public class RequestTypes {

    private final Map<String, RequestType<?>> byKey;
    private final RepositoryService repositoryService;
    private final Map<String, String> keyByDefinitionId = new ConcurrentHashMap<>();

    RequestTypes(List<RequestType<?>> types, @Lazy RepositoryService repositoryService) {
        this.byKey = types.stream().collect(Collectors.toUnmodifiableMap(RequestType::processKey, Function.identity()));
        this.repositoryService = repositoryService;
    }

    public Collection<RequestType<?>> all() {
        return byKey.values();
    }

    public List<String> processKeys() {
        return byKey.keySet().stream().sorted().toList();
    }

    /** The type whose start form is at this path. */
    public Optional<RequestType<?>> byFormPath(String formPath) {
        return byKey.values().stream().filter(type -> type.formPath().equals(formPath)).findFirst();
    }

    public Optional<RequestType<?>> byKey(String processKey) {
        return Optional.ofNullable(byKey.get(processKey));
    }

    public RequestType<?> forExecution(DelegateExecution execution) {
        return forDefinition(execution.getProcessDefinitionId());
    }

    public RequestType<?> forDefinition(String processDefinitionId) {
        String key = keyByDefinitionId.computeIfAbsent(processDefinitionId,
                id -> repositoryService.getProcessDefinition(id).getKey());
        return byKey(key).orElseThrow(() -> new IllegalStateException("No request type for process " + key));
    }
}
