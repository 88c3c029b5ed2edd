package fr.beta.guichet.request.read;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.spi.RequestTypeSource;

/** Registry of the request types, by process key. */
@Component
public class RequestTypes {

    private final Map<String, RequestType<?>> byKey;
    private final RepositoryService repositoryService;
    private final Map<String, String> keyByDefinitionId = new ConcurrentHashMap<>();

    private final List<RequestTypeSource> sources;

    RequestTypes(List<RequestType<?>> types, List<RequestTypeSource> sources,
            @Lazy RepositoryService repositoryService) {
        this.byKey = Stream.concat(types.stream(), sources.stream().flatMap(s -> s.requestTypes().stream()))
                .collect(Collectors.toUnmodifiableMap(RequestType::processKey, Function.identity()));
        this.sources = List.copyOf(sources);
        this.repositoryService = repositoryService;
    }

    public Collection<RequestType<?>> all() {
        return byKey.values();
    }

    public List<String> processKeys() {
        return byKey.keySet().stream().sorted().toList();
    }

    /**
     * The type whose start form is at this path; a type retired from the configuration while instances run is found
     * too (its form refuses new requests but serves the reply to a question).
     */
    public Optional<RequestType<?>> byFormPath(String formPath) {
        return byKey.values().stream().filter(type -> type.formPath().equals(formPath)).findFirst()
                .or(() -> sources.stream().flatMap(s -> s.retiredAt(formPath).stream()).findFirst());
    }

    /** The type of this process key, declared now or retired while instances of it run ({@link RequestTypeSource}). */
    public Optional<RequestType<?>> byKey(String processKey) {
        return Optional.<RequestType<?>>ofNullable(byKey.get(processKey))
                .or(() -> sources.stream().flatMap(s -> s.retired(processKey).stream()).findFirst());
    }

    public RequestType<?> forExecution(DelegateExecution execution) {
        return forDefinition(execution.getProcessDefinitionId());
    }

    /** The process key of a process definition id (cached). */
    public String forDefinitionKey(String processDefinitionId) {
        return keyByDefinitionId.computeIfAbsent(processDefinitionId,
                id -> repositoryService.getProcessDefinition(id).getKey());
    }

    public RequestType<?> forDefinition(String processDefinitionId) {
        String key = forDefinitionKey(processDefinitionId);
        return byKey(key).orElseThrow(() -> new IllegalStateException("No request type for process " + key));
    }
}
