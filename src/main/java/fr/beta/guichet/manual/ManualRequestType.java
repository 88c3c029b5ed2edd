package fr.beta.guichet.manual;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.ExecutorBrief;
import fr.beta.guichet.request.spi.GrantSpec;
import fr.beta.guichet.request.spi.RequestType;

/**
 * A type declared in the catalogue file. Nothing is automated: {@link #execute} hands every request to its executor
 * by hand (the lifecycle's manual execution, after « Je prends »), who reads the type's instructions and the request's
 * fields on the task page ({@link #executorBrief}) and confirms « fait » or rejects with a reason.
 */
class ManualRequestType implements RequestType<ManualRequest> {

    /** The grant kind of every access given by hand; its revoker asks a person ({@link ManualRevoker}). */
    static final String GRANT_KIND = "manual";
    static final String FORM_VIEW = "requests/manual/form";
    static final String BY_HAND = "Demande traitée à la main : suivez les instructions ci-dessous, puis confirmez « fait ».";
    private static final int MAX_TEXT = 500;
    private static final int MAX_LONG_TEXT = 5000;

    private final ManualTypeDefinition definition;

    ManualRequestType(ManualTypeDefinition definition) {
        this.definition = definition;
    }

    ManualTypeDefinition definition() {
        return definition;
    }

    @Override
    public String processKey() {
        return definition.processKey();
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String referencePrefix() {
        return definition.prefix();
    }

    @Override
    public String resourceGroup() {
        return definition.group();
    }

    @Override
    public Class<ManualRequest> requestClass() {
        return ManualRequest.class;
    }

    @Override
    public String formPath() {
        return definition.formPath();
    }

    @Override
    public ManualRequest blankForm() {
        Map<String, String> fields = new LinkedHashMap<>();
        definition.fields().forEach(f -> fields.put(f.name(), ""));
        return new ManualRequest("", "", fields);
    }

    @Override
    public String formView() {
        return FORM_VIEW;
    }

    @Override
    public Map<String, Object> formModel() {
        return Map.of("manualType", definition);
    }

    @Override
    public String describe(ManualRequest request) {
        String values = definition.fields().stream()
                .filter(f -> !request.value(f.name()).isEmpty() && f.kind() != FieldKind.LONG_TEXT)
                .limit(3)
                .map(f -> f.label() + " : " + f.display(request.value(f.name())))
                .collect(Collectors.joining(" ; "));
        String text = values.isEmpty() ? definition.name() : definition.name() + " — " + values;
        text = text + " pour " + request.startup();
        return text.length() > 300 ? text.substring(0, 299) + "…" : text;
    }

    @Override
    public List<CheckFailure> fieldErrors(ManualRequest request) {
        List<CheckFailure> failures = new ArrayList<>();
        for (String name : request.fields().keySet()) {
            if (definition.field(name).isEmpty()) {
                failures.add(new CheckFailure(null, "Le formulaire contient un champ inconnu : « %s ».".formatted(name)));
            }
        }
        for (ManualField field : definition.fields()) {
            fieldError(field, request.value(field.name()))
                    .ifPresent(message -> failures.add(new CheckFailure("fields[" + field.name() + "]", message)));
        }
        return failures;
    }

    static Optional<String> fieldError(ManualField field, String value) {
        if (value.isEmpty()) {
            return field.required() ? Optional.of("« %s » est obligatoire.".formatted(field.label())) : Optional.empty();
        }
        int max = field.kind() == FieldKind.LONG_TEXT ? MAX_LONG_TEXT : MAX_TEXT;
        if (value.length() > max) {
            return Optional.of("« %s » fait %d caractères au plus.".formatted(field.label(), max));
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && (field.kind() != FieldKind.LONG_TEXT
                || (c != '\n' && c != '\r' && c != '\t')))) {
            return Optional.of("« %s » contient des caractères de contrôle.".formatted(field.label()));
        }
        boolean wellFormed = field.kind().format().map(p -> p.matcher(value).matches()).orElse(true);
        if (wellFormed && field.kind() == FieldKind.DATE) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                wellFormed = false;
            }
        }
        if (!wellFormed) {
            return Optional.of(switch (field.kind()) {
                case EMAIL -> "« %s » doit être une adresse e-mail (nom@domaine.fr).".formatted(field.label());
                case URL -> "« %s » doit être une adresse web commençant par https://.".formatted(field.label());
                case DATE -> "« %s » doit être une date (AAAA-MM-JJ).".formatted(field.label());
                default -> "« %s » n'a pas le format attendu.".formatted(field.label());
            });
        }
        if (field.kind() == FieldKind.SELECT && field.options().stream().noneMatch(o -> o.value().equals(value))) {
            return Optional.of("Choisissez une des options proposées pour « %s ».".formatted(field.label()));
        }
        if (field.pattern() != null && !field.pattern().matcher(value).matches()) {
            return Optional.of(field.patternMessage() != null ? field.patternMessage()
                    : "« %s » n'a pas le format attendu.".formatted(field.label()));
        }
        return Optional.empty();
    }

    /** The field rules again, authoritative in {@code validate} (a request started without the form). */
    @Override
    public Optional<CheckFailure> check(ManualRequest request) {
        return fieldErrors(request).stream().findFirst();
    }

    /** Always by hand: the lifecycle's manual execution, assigned to whoever took the request. */
    @Override
    public Execution execute(ManualRequest request, String reference) {
        throw new ProviderRejectedException(GRANT_KIND, BY_HAND);
    }

    @Override
    public Optional<GrantSpec> grantOf(ManualRequest request) {
        return definition.grant().map(rule -> {
            String resource = request.value(rule.resourceField());
            String shown = definition.field(rule.resourceField()).map(f -> f.display(resource)).orElse(resource);
            String level = rule.levelField() == null ? rule.level()
                    : definition.field(rule.levelField()).map(f -> f.display(request.value(rule.levelField())))
                            .orElse(rule.level());
            return new GrantSpec(request.value(rule.personField()).toLowerCase(java.util.Locale.ROOT), GRANT_KIND,
                    definition.title() + " : " + shown, definition.key() + " " + resource, level);
        });
    }

    @Override
    public Optional<ExecutorBrief> executorBrief(ManualRequest request) {
        List<ExecutorBrief.Fact> facts = new ArrayList<>();
        for (ManualField field : definition.fields()) {
            String value = request.value(field.name());
            if (!value.isEmpty()) {
                facts.add(new ExecutorBrief.Fact(field.label(), field.display(value)));
            }
        }
        facts.add(new ExecutorBrief.Fact("Startup", request.startup()));
        facts.add(new ExecutorBrief.Fact("Motif", request.reason()));
        return Optional.of(new ExecutorBrief(definition.instructions(), facts));
    }
}
