package fr.beta.guichet.request.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every Camunda variable of {@code src/main/java} is reached through its one {@link ProcessVariable} declaration:
 * no variable named by a string literal in an engine call, no {@code X.name()} key, no cast of a variable's value,
 * one declaration per name; and every value a model's condition compares a variable with
 * ({@code ${claimDecision == 'take'}}) is a value its decision enum stores. Plain regular expressions over the
 * sources, comments left out: a new literal fails here, with its file and line.
 */
class VariableNamesTests {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path MODELS = Path.of("bpmn");
    /** The one class that calls the engine's variable API with a name. */
    private static final String DECLARING_API = "fr/beta/guichet/request/variables/ProcessVariable.java";

    /** Engine calls taking a variable's name: none may be given a string literal. */
    private static final Pattern NAMED_CALL = Pattern.compile("\\b(getVariable|getVariableLocal|getVariableTyped"
            + "|getVariableLocalTyped|setVariable|setVariableLocal|removeVariable|removeVariableLocal|hasVariable"
            + "|hasVariableLocal|putValue|putValueTyped|variableName|variableNameIn|variableNameLike"
            + "|variableValueEquals|variableValueNotEquals|variableValueLike|variableValueGreaterThan"
            + "|variableValueLessThan|processVariableValueEquals|processVariableValueNotEquals"
            + "|processVariableValueLike|taskVariableValueEquals|caseInstanceVariableValueEquals|getVariables"
            + "|getVariablesLocal|getVariablesTyped|getVariablesLocalTyped|setVariables|setVariablesLocal"
            + "|removeVariables|removeVariablesLocal)\\s*\\(");
    /** Engine calls taking a map of variables: none may be given a map keyed by a literal. */
    private static final Pattern MAP_CALL = Pattern.compile("\\b(complete|startProcessInstanceByKey"
            + "|startProcessInstanceById|startProcessInstanceByMessage|setVariables|setVariablesLocal|submitTaskForm"
            + "|submitStartForm|resolveTask|correlate|correlateWithResult|setVariablesToTriggeredScope"
            + "|executeWithVariablesInReturn|fromMap|putAll)\\s*\\(");
    private static final Pattern LITERAL_KEYED_MAP = Pattern.compile("\\bMap\\.(of|entry|ofEntries)\\s*\\(\\s*\"");
    /** A variable's name compared with a literal: {@code switch (update.getVariableName())}, {@code "x".equals(…)}. */
    private static final Pattern NAME_COMPARED = Pattern.compile("switch\\s*\\(\\s*[\\w.()]*getVariableName\\(\\)\\s*\\)"
            + "|\"[^\"]*\"\\s*\\.equals\\(\\s*[\\w.()]*getVariableName\\(\\)"
            + "|getVariableName\\(\\)\\s*\\.equals\\(\\s*\"");
    /** A cast of what the engine gives back for a variable. */
    private static final Pattern VALUE_CAST = Pattern.compile("\\(\\s*[A-Z][\\w.<>?, ]*\\)\\s*[\\w.()\\[\\]]*?"
            + "\\b(getVariable\\w*|getValue|getVariableValue)\\s*\\(");
    /** A declaration: {@code ProcessVariable.string("name")} and its constant. */
    private static final Pattern DECLARATION = Pattern.compile(
            "ProcessVariable<[^>]*(?:<[^>]*>)?[^>]*>\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*(?:ProcessVariable\\.\\w+\\(\\s*\"([^\"]+)\""
                    + "|([\\w.]+)\\s*;)");
    /** A condition of a model: {@code ${claimDecision == 'take'}}. */
    private static final Pattern CONDITION = Pattern.compile("\\$\\{\\s*(\\w+)\\s*[!=]=\\s*'([^']*)'\\s*}");

    @Test
    void noVariableIsNamedByALiteralOutsideItsDeclaration() {
        List<String> violations = new ArrayList<>();
        Map<String, String> sources = sources();
        assertThat(sources).as("the declaring class, the one source left out of the scans").containsKey(DECLARING_API);
        sources.forEach((path, text) -> {
            if (!path.equals(DECLARING_API)) {
                violations.addAll(literalViolations(path, text));
            }
        });
        assertThat(violations).as("variables named by a string literal: declare them as ProcessVariable, and "
                + "read/write them through the declaration").isEmpty();
    }

    @Test
    void noVariableKeyIsTakenFromItsDeclarationsName() {
        Set<String> constants = declarations().keySet();
        List<String> violations = new ArrayList<>();
        sources().forEach((path, text) -> {
            for (String constant : constants) {
                Matcher m = Pattern.compile("\\b" + constant + "\\s*\\.\\s*name\\(\\)").matcher(text);
                while (m.find()) {
                    violations.add(where(path, text, m.start()));
                }
            }
        });
        assertThat(violations).as("X.name() used as a variable key: use X's methods (get, set, with, filter…), or "
                + "nameInSql() in reporting SQL").isEmpty();
    }

    @Test
    void noValueOfAVariableIsCast() {
        List<String> violations = new ArrayList<>();
        sources().forEach((path, text) -> {
            if (path.equals(DECLARING_API)) {
                return;
            }
            Matcher m = VALUE_CAST.matcher(text);
            while (m.find()) {
                violations.add(where(path, text, m.start()));
            }
        });
        assertThat(violations).as("casts of a variable's value: its declaration gives it typed").isEmpty();
    }

    @Test
    void eachVariableIsDeclaredOnce() {
        Map<String, List<String>> byName = new TreeMap<>();
        sources().forEach((path, text) -> {
            Matcher m = DECLARATION.matcher(text);
            while (m.find()) {
                if (m.group(2) != null) {
                    byName.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(where(path, text, m.start()));
                }
            }
        });
        assertThat(byName).as("declarations found").containsKeys("request", "claimDecision", "reminderAt",
                "chatMessage", "group");
        assertThat(byName).allSatisfy((name, places) -> assertThat(places)
                .as("variable '%s' declared once (alias the declaration elsewhere)", name).hasSize(1));
    }

    @Test
    void everyValueAModelComparesWithIsStoredByItsDecision() throws IOException {
        Map<String, ProcessVariable<?>> byName = new LinkedHashMap<>();
        for (ProcessVariable<?> variable : declaredVariables()) {
            byName.put(variable.name(), variable);
        }
        List<String> compared = new ArrayList<>();
        try (Stream<Path> models = Files.walk(MODELS)) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Matcher m = CONDITION.matcher(Files.readString(model));
                while (m.find()) {
                    String name = m.group(1);
                    String value = m.group(2);
                    compared.add(name + "=" + value);
                    assertThat(byName).as("%s compares %s, which is not declared", model, name).containsKey(name);
                    assertThat(byName.get(name).storedValues())
                            .as("%s compares %s with '%s': a value of its decision enum", model, name, value)
                            .contains(value);
                }
            }
        }
        assertThat(compared).as("the lifecycle's and the offboarding's conditions were read")
                .contains("claimDecision=take", "manualDecision=done", "providerState=ready", "returnTo=claim",
                        "revocationState=gone");
        for (ProcessVariable<?> variable : byName.values()) {
            assertThat(variable.storedValues()).as("%s stores lowercase strings", variable.name())
                    .allSatisfy(value -> assertThat(value).isEqualTo(value.toLowerCase(Locale.ROOT)));
        }
    }

    @Test
    void theScanFailsOnALiteral() {
        assertThat(literalViolations("Sample.java", "String x = (String) runtimeService.getVariable(id, \"executor\");"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "execution.setVariable(\"executor\", user);")).hasSize(1);
        assertThat(literalViolations("Sample.java", "taskService.getVariableLocal(task.getId(), \"grantId\");"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "Variables.createVariables().putValue(\"approved\", true);"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "query.processInstanceId(id).variableName(\"request\").list();"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "taskService.complete(taskId, Map.of(\"approved\", true));"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "switch (update.getVariableName()) { case \"question\" -> x(); }"))
                .hasSize(1);
        assertThat(literalViolations("Sample.java", "// execution.getVariable(\"commented\")\n"
                + "RequestVariables.EXECUTOR.get(runtimeService, id); chat.post(execution, \"joined\");")).isEmpty();
        assertThat(VALUE_CAST.matcher("Date at = (Date) execution.getVariable(REMINDER);").find()).isTrue();
        assertThat(VALUE_CAST.matcher("String s = (String) vars.get(KEY).getValue();").find()).isTrue();
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private static List<String> literalViolations(String path, String source) {
        String text = withoutComments(source);
        List<String> violations = new ArrayList<>();
        Matcher call = NAMED_CALL.matcher(text);
        while (call.find()) {
            List<String> arguments = arguments(text, call.end());
            if (arguments.stream().anyMatch(argument -> argument.startsWith("\""))) {
                violations.add(where(path, text, call.start()));
            }
        }
        Matcher mapCall = MAP_CALL.matcher(text);
        while (mapCall.find()) {
            if (arguments(text, mapCall.end()).stream().anyMatch(argument -> LITERAL_KEYED_MAP.matcher(argument).find())) {
                violations.add(where(path, text, mapCall.start()));
            }
        }
        Matcher compared = NAME_COMPARED.matcher(text);
        while (compared.find()) {
            violations.add(where(path, text, compared.start()));
        }
        return violations;
    }

    /** The top-level arguments of the call whose opening parenthesis ends at {@code open}, trimmed. */
    private static List<String> arguments(String text, int open) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            arguments.add(current.toString().strip());
        }
        return arguments;
    }

    /** The source with its comments blanked (line numbers kept), strings untouched. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                if (source.startsWith("\"\"\"", i)) {
                    end = source.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? source.length() : end + 3;
                } else {
                    while (end < source.length() && source.charAt(end) != '"' && source.charAt(end) != '\n') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(end + 1, source.length());
                }
                out.append(source, i, end);
                i = end;
            } else if (c == '\'' && i + 2 < source.length()) {
                int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
                end = end < 0 ? i + 1 : end + 1;
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String where(String path, String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int start = text.lastIndexOf('\n', offset) + 1;
        int end = text.indexOf('\n', offset);
        return path + ":" + line + ": " + text.substring(start, end < 0 ? text.length() : end).strip();
    }

    /** Every main source, comments left out, by its path under {@code src/main/java}. */
    private static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'),
                        withoutComments(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sources).as("sources of %s", SOURCES.toAbsolutePath()).hasSizeGreaterThan(100);
        return sources;
    }

    /** The constants declared as process variables (declarations and aliases), by constant name, with their class. */
    private static Map<String, String> declarations() {
        Map<String, String> constants = new TreeMap<>();
        sources().forEach((path, text) -> {
            Matcher m = DECLARATION.matcher(text);
            while (m.find()) {
                constants.put(m.group(1), path);
            }
        });
        assertThat(constants).as("declared variables").containsKeys("REQUEST", "CLAIM_DECISION", "GROUP", "MESSAGE");
        return constants;
    }

    /** The declared variables themselves, read from the static fields of the classes that declare them. */
    private static List<ProcessVariable<?>> declaredVariables() {
        List<ProcessVariable<?>> variables = new ArrayList<>();
        for (String path : Set.copyOf(declarations().values())) {
            String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
            try {
                for (Field field : Class.forName(className).getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
                        field.setAccessible(true);
                        variables.add((ProcessVariable<?>) field.get(null));
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(className, e);
            }
        }
        return variables;
    }
}
