package fr.beta.guichet.grants;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The revokers by grant kind; a kind without one is revoked by hand. */
@Component
public class AccessRevokers {

    private final Map<String, AccessRevoker> byKind;

    AccessRevokers(List<AccessRevoker> revokers) {
        this.byKind = revokers.stream().collect(Collectors.toUnmodifiableMap(AccessRevoker::kind, Function.identity()));
    }

    public Optional<AccessRevoker> of(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }
}
