package fr.beta.guichet.request.variables;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.TypedValue;

import fr.beta.guichet.request.spi.StoredValue;

/**
 * A typed, named process variable: the one place where a variable's name, its Java type and the way it is stored
 * are written. Every read and write of a variable goes through its declaration, wherever the variable is reached:
 * a {@link VariableScope} (delegates, {@code DelegateExecution}), the {@link RuntimeService} (by execution or process
 * instance id), the {@link TaskService} (by task id, local or not), the history, or a {@link VariableMap} being built
 * for a start or a completion. Nothing outside the declarations names a variable by a string or casts its value
 * ({@code VariableNamesTests}).
 * <p>
 * Three ways of storing:
 * <ul>
 * <li>plain values ({@link #string}, {@link #bool}, {@link #integer}, {@link #date}): stored as they are;</li>
 * <li>decisions ({@link #decision}): an enum read and written as its {@link StoredValue#value()}, the lowercase
 * string the models' conditions compare with;</li>
 * <li>records ({@link #json}): serialized as JSON by Camunda Spin (never Java serialization), readable in Cockpit.</li>
 * </ul>
 * Only the engine's public API is used here (services, variable API, delegate API).
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;
    /** From what the engine gives back (never a {@link TypedValue}, never {@code null}) to the Java value. */
    private final Function<Object, T> reader;
    /** From the Java value (never {@code null}) to what is given to the engine: a plain value or a typed value. */
    private final Function<T, Object> writer;
    /** The strings a decision may hold, in declaration order; empty for other variables. */
    private final List<String> storedValues;

    private ProcessVariable(String name, Class<T> type, Function<Object, T> reader, Function<T, Object> writer,
            List<String> storedValues) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A process variable needs a name");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type);
        this.reader = reader;
        this.writer = writer;
        this.storedValues = storedValues;
    }

    // ---------------------------------------------------------------------------------------------- declarations

    /** A variable stored as a value of {@code type} as it is (a string, a boolean, a date…). */
    public static <T> ProcessVariable<T> of(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, stored -> cast(name, type, stored), value -> value, List.of());
    }

    public static ProcessVariable<String> string(String name) {
        return of(name, String.class);
    }

    public static ProcessVariable<Boolean> bool(String name) {
        return of(name, Boolean.class);
    }

    /** An integer; any number the engine gives back (a long written by a script or by hand) reads as an int. */
    public static ProcessVariable<Integer> integer(String name) {
        return new ProcessVariable<>(name, Integer.class,
                stored -> stored instanceof Number number ? Integer.valueOf(number.intValue())
                        : cast(name, Integer.class, stored),
                value -> value, List.of());
    }

    public static ProcessVariable<Date> date(String name) {
        return of(name, Date.class);
    }

    /**
     * A decision: written as the constant's {@link StoredValue#value()}, read back into the constant. A stored string
     * that is none of the constants' values is an error, never a silent {@code null}.
     */
    public static <E extends Enum<E> & StoredValue> ProcessVariable<E> decision(String name, Class<E> type) {
        E[] constants = type.getEnumConstants();
        List<String> values = Arrays.stream(constants).map(StoredValue::value).toList();
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException(type.getSimpleName() + " stores the same value twice: " + values);
        }
        return new ProcessVariable<>(name, type, stored -> {
            String text = cast(name, String.class, stored);
            return Arrays.stream(constants).filter(constant -> constant.value().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Variable '%s' holds '%s', which is none of %s %s"
                            .formatted(name, text, type.getSimpleName(), values)));
        }, StoredValue::value, values);
    }

    /**
     * A record (or any object Jackson maps) stored as JSON by Camunda Spin, under its class name: the format of the
     * {@code request} variable, which running instances hold. The value read back is of its stored class.
     */
    public static <T> ProcessVariable<T> json(String name, Class<T> type) {
        return new ProcessVariable<>(name, type, stored -> cast(name, type, stored),
                value -> Variables.objectValue(value).serializationDataFormat(SerializationDataFormats.JSON).create(),
                List.of());
    }

    /**
     * The same variable read as a narrower type: the request's record as the record of its type. Reading a value of
     * another class is an error.
     */
    public <S extends T> ProcessVariable<S> as(Class<S> subtype) {
        return new ProcessVariable<>(name, subtype, stored -> cast(name, subtype, reader.apply(stored)),
                value -> writer.apply(value), storedValues);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /**
     * The name as the engine's tables hold it ({@code ACT_HI_VARINST.NAME_}), for the reporting SQL that reads
     * variables in the database: the one use of a variable's name outside this class.
     */
    public String nameInSql() {
        return name;
    }

    /** Whether a name the engine gives (a history event, a historic detail) is this variable's. */
    public boolean hasName(String variableName) {
        return name.equals(variableName);
    }

    /** The strings a decision may hold, in declaration order; empty for other variables. */
    public List<String> storedValues() {
        return storedValues;
    }

    /** What is given to the engine for this value: a plain value, a decision's string, a record's JSON value. */
    public Object stored(T value) {
        return value == null ? null : writer.apply(value);
    }

    /** The Java value of what the engine holds (a plain value or a typed value); {@code null} stays {@code null}. */
    public T read(Object stored) {
        Object plain = stored instanceof TypedValue typed ? typed.getValue() : stored;
        return plain == null ? null : reader.apply(plain);
    }

    // ---------------------------------------------------------------------------------- variable scope, delegates

    public T get(VariableScope scope) {
        return read(scope.getVariable(name));
    }

    public T getOrDefault(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    public T getLocal(VariableScope scope) {
        return read(scope.getVariableLocal(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, stored(value));
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, stored(value));
    }

    // ------------------------------------------------------------------------------------------ runtime service

    /** The value seen from an execution or a process instance (its id), as a delegate of it would read it. */
    public T get(RuntimeService runtimeService, String executionId) {
        return read(runtimeService.getVariable(executionId, name));
    }

    public T getOrDefault(RuntimeService runtimeService, String executionId, T fallback) {
        T value = get(runtimeService, executionId);
        return value == null ? fallback : value;
    }

    public T getLocal(RuntimeService runtimeService, String executionId) {
        return read(runtimeService.getVariableLocal(executionId, name));
    }

    public void set(RuntimeService runtimeService, String executionId, T value) {
        runtimeService.setVariable(executionId, name, stored(value));
    }

    public void setLocal(RuntimeService runtimeService, String executionId, T value) {
        runtimeService.setVariableLocal(executionId, name, stored(value));
    }

    /** Restricts a process instance query to the instances where this variable holds this value. */
    public ProcessInstanceQuery whereEquals(ProcessInstanceQuery query, T value) {
        return query.variableValueEquals(name, stored(value));
    }

    /** Restricts a history query to the instances where this variable holds (or last held) this value. */
    public HistoricProcessInstanceQuery whereEquals(
            HistoricProcessInstanceQuery query, T value) {
        return query.variableValueEquals(name, stored(value));
    }

    /**
     * Restricts a process instance query to the instances where this (string) variable matches a SQL LIKE pattern;
     * {@code %} and {@code _} in the pattern are wildcards, so callers check the value they then read.
     */
    public ProcessInstanceQuery whereLike(ProcessInstanceQuery query, String pattern) {
        if (type != String.class) {
            throw new IllegalStateException(name + " is no string variable: LIKE does not apply");
        }
        return query.variableValueLike(name, pattern);
    }

    // --------------------------------------------------------------------------------------------- task service

    /** The value seen from a task: its local variable, or else its execution's. */
    public T get(TaskService taskService, String taskId) {
        return read(taskService.getVariable(taskId, name));
    }

    public T getLocal(TaskService taskService, String taskId) {
        return read(taskService.getVariableLocal(taskId, name));
    }

    public void set(TaskService taskService, String taskId, T value) {
        taskService.setVariable(taskId, name, stored(value));
    }

    public void setLocal(TaskService taskService, String taskId, T value) {
        taskService.setVariableLocal(taskId, name, stored(value));
    }

    // ------------------------------------------------------------------------------------------ variable maps

    /** The value in variables being built or given back by the engine. */
    public T get(VariableMap variables) {
        return from(variables);
    }

    /** The value in any map of variables by name (values plain or typed), e.g. historic variables collected by name. */
    public T from(Map<String, ?> variables) {
        return read(variables.get(name));
    }

    /** As {@link Map#getOrDefault}: the fallback only when the variable is absent, not when it holds {@code null}. */
    public T fromOrDefault(Map<String, ?> variables, T fallback) {
        return variables.containsKey(name) ? from(variables) : fallback;
    }

    /** Whether the map has this variable, even holding {@code null}. */
    public boolean isIn(Map<String, ?> variables) {
        return variables.containsKey(name);
    }

    public VariableMap putIn(VariableMap variables, T value) {
        Object stored = stored(value);
        if (stored instanceof TypedValue typed) {
            variables.putValueTyped(name, typed);
        } else {
            variables.putValue(name, stored);
        }
        return variables;
    }

    /** This variable with a value, for {@link #variables(Assignment...)}. */
    public Assignment<T> with(T value) {
        return new Assignment<>(this, value);
    }

    /** A variable and its value, to start a process or complete a task with. */
    public record Assignment<T>(ProcessVariable<T> variable, T value) {

        public VariableMap putIn(VariableMap variables) {
            return variable.putIn(variables, value);
        }
    }

    /** New variables holding these values: {@code variables(EXECUTOR.with(userId), CLAIM_DECISION.with(TAKE))}. */
    public static VariableMap variables(Assignment<?>... assignments) {
        VariableMap variables = Variables.createVariables();
        for (Assignment<?> assignment : assignments) {
            assignment.putIn(variables);
        }
        return variables;
    }

    // ------------------------------------------------------------------------------------------------- history

    /** Restricts a historic variable query to this variable. */
    public HistoricVariableInstanceQuery filter(HistoricVariableInstanceQuery query) {
        return query.variableName(name);
    }

    /** Restricts a historic variable query to any of these variables. */
    public static HistoricVariableInstanceQuery filterAny(HistoricVariableInstanceQuery query,
            List<ProcessVariable<?>> variables) {
        return query.variableNameIn(variables.stream().map(ProcessVariable::name).toArray(String[]::new));
    }

    /** The value of one historic variable instance of this variable. */
    public T valueOf(HistoricVariableInstance instance) {
        requireName(instance.getName());
        return read(instance.getValue());
    }

    /** The value a historic variable update wrote (the history of a variable's values). */
    public T valueOf(HistoricVariableUpdate update) {
        requireName(update.getVariableName());
        return read(update.getValue());
    }

    /** The value of the first instance of this variable in a historic query's result; {@code null} if none. */
    public T valueIn(List<HistoricVariableInstance> instances) {
        return instances.stream().filter(instance -> hasName(instance.getName())).findFirst().map(this::valueOf)
                .orElse(null);
    }

    /** The value the history keeps for a process instance, running or ended; {@code null} if it has none. */
    public T historic(HistoryService historyService, String processInstanceId) {
        return valueIn(filter(historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId))
                .list());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private void requireName(String variableName) {
        if (!hasName(variableName)) {
            throw new IllegalArgumentException("Variable '%s' read as '%s'".formatted(variableName, name));
        }
    }

    private static <V> V cast(String name, Class<V> type, Object stored) {
        if (stored == null || type.isInstance(stored)) {
            return type.cast(stored);
        }
        throw new ClassCastException("Variable '%s' holds a %s, not a %s".formatted(name,
                stored.getClass().getName(), type.getName()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessVariable<?> variable && name.equals(variable.name) && type.equals(variable.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        return "ProcessVariable[" + name + ": " + type.getSimpleName() + "]";
    }
}
