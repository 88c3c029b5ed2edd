package fr.beta.guichet.lifecycle;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads and writes the {@code request} variable: the type's record serialized as JSON by Camunda Spin (never
 * Java serialization), so that it stays readable in Cockpit and free of size limits of string columns.
 */
public final class RequestData {

    private RequestData() {
    }

    public static TypedValue toVariable(Record request) {
        return Variables.objectValue(request).serializationDataFormat(SerializationDataFormats.JSON).create();
    }

    public static <R extends Record> R read(VariableScope scope, Class<R> type) {
        ObjectValue value = scope.getVariableTyped(RequestVariables.REQUEST);
        return value == null ? null : value.getValue(type);
    }
}
