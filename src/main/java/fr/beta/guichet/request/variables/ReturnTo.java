package fr.beta.guichet.request.variables;

import java.util.Arrays;
import java.util.Optional;

import fr.beta.guichet.request.spi.StoredValue;

/**
 * Where a request goes back after the requester's answer ({@link RequestVariables#RETURN_TO}): the user task the
 * question was asked at. The stored values are those tasks' ids ({@code ${returnTo == 'claim'}}).
 */
public enum ReturnTo implements StoredValue {
    CLAIM(LifecycleElements.CLAIM),
    EXECUTE_MANUALLY(LifecycleElements.EXECUTE_MANUALLY);

    private final String value;

    ReturnTo(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /** The step of a task a question can be asked at ({@code claim}, {@code execute-manually}); empty otherwise. */
    public static Optional<ReturnTo> of(String taskDefinitionKey) {
        return Arrays.stream(values()).filter(step -> step.value.equals(taskDefinitionKey)).findFirst();
    }
}
