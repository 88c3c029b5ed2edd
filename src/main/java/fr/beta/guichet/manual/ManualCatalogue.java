package fr.beta.guichet.manual;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import fr.beta.guichet.request.spi.RequestType;

/**
 * Reads and validates the catalogue file of the manual types. Every error stops the app at startup with a French
 * message naming the entry (« type n°3 (scalingo) ») and what is wrong: an unknown or missing setting, a duplicate key
 * or prefix, an unknown field kind, a group missing or not declared in {@code guichet.access.groups}, a prefix, key or
 * form path taken by another type (the automated ones included), a grant naming a field the form lacks.
 */
final class ManualCatalogue {

    private static final Set<String> TYPE_SETTINGS = Set.of("key", "prefix", "name", "title", "description",
            "category", "group", "delay", "instructions", "fields", "grant");
    private static final Set<String> FIELD_SETTINGS = Set.of("name", "label", "kind", "required", "pattern",
            "pattern-message", "help", "options");
    private static final Set<String> GRANT_SETTINGS = Set.of("person", "resource", "level", "level-field",
            "revocation");
    private static final Set<String> OPTION_SETTINGS = Set.of("value", "label");
    private static final Set<String> COMMON_FIELDS = Set.of("startup", "reason", "checkLater", "answer");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{2,5}");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    private static final String DEFAULT_DELAY = "1 à 2 jours ouvrés";
    private static final String DEFAULT_REVOCATION = "Retirez cet accès à la personne qui part, puis confirmez « fait ».";

    private final String source;

    private ManualCatalogue(String source) {
        this.source = source;
    }

    /**
     * @param source         the file's name, for the messages
     * @param yaml           the file
     * @param declaredGroups the ids of {@code guichet.access.groups}
     * @param otherTypes     the request types built as code, whose keys, prefixes and form paths are taken
     */
    static List<ManualTypeDefinition> read(String source, InputStream yaml, Set<String> declaredGroups,
            Collection<? extends RequestType<?>> otherTypes) {
        ManualCatalogue catalogue = new ManualCatalogue(source);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new ManualCatalogueException(catalogue.prefix() + "le fichier n'est pas du YAML valide : "
                    + e.getMessage(), e);
        }
        return catalogue.types(root, declaredGroups, otherTypes);
    }

    static List<ManualTypeDefinition> read(String source, String yaml, Set<String> declaredGroups,
            Collection<? extends RequestType<?>> otherTypes) {
        try (InputStream in = new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return read(source, in, declaredGroups, otherTypes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String prefix() {
        return "Catalogue des demandes manuelles (" + source + ") : ";
    }

    private ManualCatalogueException error(String entry, String message) {
        return new ManualCatalogueException(prefix() + entry + " : " + message);
    }

    private List<ManualTypeDefinition> types(Object root, Set<String> declaredGroups,
            Collection<? extends RequestType<?>> otherTypes) {
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> top) || !top.keySet().stream().allMatch("types"::equals)) {
            throw new ManualCatalogueException(prefix() + "le fichier doit contenir une seule clé « types », la liste des types.");
        }
        Object list = top.get("types");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> entries)) {
            throw new ManualCatalogueException(prefix() + "« types » doit être une liste.");
        }
        Map<String, String> keys = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (RequestType<?> other : otherTypes) {
            keys.put(other.processKey(), "le type « " + other.name() + " »");
            prefixes.put(other.referencePrefix(), "le type « " + other.name() + " »");
            paths.put(other.formPath(), "le type « " + other.name() + " »");
        }
        List<ManualTypeDefinition> types = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = "type n°" + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> map)) {
                throw error(entry, "chaque type est un ensemble de réglages (key, prefix, name…).");
            }
            Object rawKey = map.get("key");
            if (rawKey != null) {
                entry += " (" + rawKey + ")";
            }
            ManualTypeDefinition type = type(entry, map, declaredGroups);
            String takenKey = keys.putIfAbsent(type.processKey(), entry);
            if (takenKey != null) {
                throw error(entry, "la clé « " + type.key() + " » est déjà celle de " + takenKey + ".");
            }
            String takenPath = paths.putIfAbsent(type.formPath(), entry);
            if (takenPath != null) {
                throw error(entry, "le formulaire " + type.formPath() + " est déjà celui de " + takenPath + ".");
            }
            String takenPrefix = prefixes.putIfAbsent(type.prefix(), entry);
            if (takenPrefix != null) {
                throw error(entry, "le préfixe « " + type.prefix() + " » est déjà celui de " + takenPrefix + ".");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private ManualTypeDefinition type(String entry, Map<?, ?> map, Set<String> declaredGroups) {
        unknownSettings(entry, map, TYPE_SETTINGS);
        String key = required(entry, map, "key");
        if (!KEY.matcher(key).matches()) {
            throw error(entry, "la clé « " + key + " » doit être faite de minuscules, chiffres et tirets (40 au plus).");
        }
        String prefix = required(entry, map, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw error(entry, "le préfixe « " + prefix + " » doit être fait de 2 à 5 majuscules.");
        }
        String group = text(entry, map, "group");
        if (group == null) {
            throw error(entry, "le groupe (« group ») manque : qui traite ces demandes ?");
        }
        if (!declaredGroups.contains(group)) {
            throw error(entry, "le groupe « " + group + " » n'est pas déclaré dans guichet.access.groups.");
        }
        List<ManualField> fields = fields(entry, map.get("fields"));
        Optional<ManualTypeDefinition.GrantRule> grant = grant(entry, map.get("grant"), fields);
        String delay = text(entry, map, "delay");
        return new ManualTypeDefinition(key, prefix, required(entry, map, "name"), required(entry, map, "title"),
                required(entry, map, "description"), required(entry, map, "category"), group,
                delay == null ? DEFAULT_DELAY : delay, required(entry, map, "instructions"), fields, grant);
    }

    private List<ManualField> fields(String entry, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw error(entry, "« fields » doit être une liste de champs.");
        }
        Map<String, ManualField> fields = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = entry + ", champ n°" + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw error(where, "chaque champ est un ensemble de réglages (name, label, kind…).");
            }
            ManualField field = field(where, map);
            if (fields.putIfAbsent(field.name(), field) != null) {
                throw error(where + " (" + field.name() + ")", "le champ « " + field.name() + " » est déclaré deux fois.");
            }
        }
        return List.copyOf(fields.values());
    }

    private ManualField field(String at, Map<?, ?> map) {
        unknownSettings(at, map, FIELD_SETTINGS);
        String name = required(at, map, "name");
        String where = at + " (" + name + ")";
        if (!FIELD_NAME.matcher(name).matches() || COMMON_FIELDS.contains(name)) {
            throw error(where, "le nom « " + name + " » doit commencer par une minuscule, n'avoir que des lettres et "
                    + "des chiffres, et n'être ni startup, ni reason, ni answer, ni checkLater.");
        }
        String kindId = required(where, map, "kind");
        FieldKind kind = FieldKind.of(kindId).orElseThrow(() -> error(where,
                "type de champ inconnu « " + kindId + " » (attendus : " + FieldKind.ids() + ")."));
        Object required = map.get("required");
        if (required != null && !(required instanceof Boolean)) {
            throw error(where, "« required » vaut true ou false.");
        }
        Pattern pattern = null;
        String regex = text(where, map, "pattern");
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw error(where, "le motif « " + regex + " » n'est pas une expression régulière valide.");
            }
        }
        List<ManualField.Option> options = options(where, map.get("options"));
        if (kind == FieldKind.SELECT && options.isEmpty()) {
            throw error(where, "une liste de choix (« select ») doit avoir ses « options ».");
        }
        if (kind != FieldKind.SELECT && !options.isEmpty()) {
            throw error(where, "seule une liste de choix (« select ») a des « options ».");
        }
        return new ManualField(name, required(where, map, "label"), kind, Boolean.TRUE.equals(required), pattern,
                text(where, map, "pattern-message"), text(where, map, "help"), options);
    }

    private List<ManualField.Option> options(String where, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw error(where, "« options » doit être une liste.");
        }
        Map<String, ManualField.Option> options = new LinkedHashMap<>();
        for (Object item : list) {
            ManualField.Option option;
            if (item instanceof Map<?, ?> map) {
                unknownSettings(where, map, OPTION_SETTINGS);
                String value = required(where + ", option", map, "value");
                String label = text(where, map, "label");
                option = new ManualField.Option(value, label == null ? value : label);
            } else if (item != null && !(item instanceof List)) {
                String value = String.valueOf(item).strip();
                option = new ManualField.Option(value, value);
            } else {
                throw error(where, "chaque option est un texte, ou une valeur (« value ») et son libellé (« label »).");
            }
            if (options.putIfAbsent(option.value(), option) != null) {
                throw error(where, "l'option « " + option.value() + " » est déclarée deux fois.");
            }
        }
        return List.copyOf(options.values());
    }

    private void unknownSettings(String entry, Map<?, ?> map, Set<String> allowed) {
        for (Object setting : map.keySet()) {
            if (!allowed.contains(String.valueOf(setting))) {
                throw error(entry, "réglage inconnu « " + setting + " » (attendus : "
                        + String.join(", ", allowed.stream().sorted().toList()) + ").");
            }
        }
    }

    private String required(String entry, Map<?, ?> map, String setting) {
        String value = text(entry, map, setting);
        if (value == null) {
            throw error(entry, "« " + setting + " » manque.");
        }
        return value;
    }

    private String text(String entry, Map<?, ?> map, String setting) {
        Object value = map.get(setting);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw error(entry, "« " + setting + " » doit être un texte.");
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }

    private Optional<ManualTypeDefinition.GrantRule> grant(String entry, Object raw, List<ManualField> fields) {
        if (raw == null) {
            return Optional.empty();
        }
        String where = entry + ", accès donné (grant)";
        if (!(raw instanceof Map<?, ?> map)) {
            throw error(where, "« grant » dit quels champs nomment la personne (person) et la ressource (resource).");
        }
        unknownSettings(where, map, GRANT_SETTINGS);
        String person = required(where, map, "person");
        ManualField personField = fields.stream().filter(f -> f.name().equals(person)).findFirst()
                .orElseThrow(() -> error(where, "le champ « " + person + " » de la personne n'est pas dans le formulaire."));
        if (personField.kind() != FieldKind.EMAIL || !personField.required()) {
            throw error(where, "le champ « " + person + " » de la personne doit être une adresse e-mail obligatoire.");
        }
        String resource = required(where, map, "resource");
        if (fields.stream().noneMatch(f -> f.name().equals(resource) && f.required())) {
            throw error(where, "le champ « " + resource + " » de la ressource doit être un champ obligatoire du formulaire.");
        }
        String levelField = text(where, map, "level-field");
        if (levelField != null && fields.stream().noneMatch(f -> f.name().equals(levelField) && f.required())) {
            throw error(where, "le champ « " + levelField + " » du niveau d'accès doit être un champ obligatoire du formulaire.");
        }
        String level = text(where, map, "level");
        String revocation = text(where, map, "revocation");
        return Optional.of(new ManualTypeDefinition.GrantRule(person, resource, levelField,
                level == null ? "-" : level, revocation == null ? DEFAULT_REVOCATION : revocation));
    }
}
