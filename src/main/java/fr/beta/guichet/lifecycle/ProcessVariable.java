package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A typed, named process variable: the one place where a variable's name and type are written.
 */
public record ProcessVariable<T>(String name, Class<T> type) {

    public static ProcessVariable<String> string(String name) {
        return new ProcessVariable<>(name, String.class);
    }

    public static ProcessVariable<Boolean> bool(String name) {
        return new ProcessVariable<>(name, Boolean.class);
    }

    public static ProcessVariable<Integer> integer(String name) {
        return new ProcessVariable<>(name, Integer.class);
    }

    public T get(VariableScope scope) {
        return type.cast(scope.getVariable(name));
    }

    public T getOrDefault(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    public VariableMap putIn(VariableMap variables, T value) {
        variables.putValue(name, value);
        return variables;
    }
}
