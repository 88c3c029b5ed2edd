package fr.beta.guichet.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.beta.guichet.request.spi.Execution;
import fr.beta.guichet.request.spi.RequestType;

/**
 * The catalogue file's validation: each bad entry stops the startup with a French message naming it; and the rules
 * of the declared fields on a request.
 */
class ManualCatalogueTests {

    private static final Set<String> GROUPS = Set.of("ops", "ops-outils", "ops-ovh");
    private static final List<RequestType<?>> CODED = List.of(new Coded());

    private static final String VALID_TYPE = """
              - key: tally
                prefix: TLY
                name: Demande d'accès Tally
                title: Un accès Tally
                description: L'espace Tally
                category: Outils
                group: ops-outils
                instructions: Invitez la personne.
                fields:
                  - {name: email, label: Adresse, kind: email, required: true}
                  - {name: workspace, label: Espace, kind: text, required: true, pattern: '[a-z-]+', pattern-message: Des minuscules.}
                  - {name: role, label: Rôle, kind: select, required: true, options: [{value: member, label: Membre}, admin]}
                  - {name: until, label: Jusqu'au, kind: date}
                  - {name: site, label: Site, kind: url}
                  - {name: notes, label: Notes, kind: long-text}
                grant: {person: email, resource: workspace, level-field: role}
            """;

    private static List<ManualTypeDefinition> read(String types) {
        return ManualCatalogue.read("test.yaml", "types:\n" + types, GROUPS, CODED);
    }

    private static String tallyWith(String from, String to) {
        assertThat(VALID_TYPE).contains(from);
        return VALID_TYPE.replace(from, to);
    }

    @Test
    void aValidFileGivesItsTypesWithTheirFieldsAndGrant() {
        ManualTypeDefinition tally = read(VALID_TYPE).get(0);
        assertThat(tally.processKey()).isEqualTo("request-manual-tally");
        assertThat(tally.formPath()).isEqualTo("/demandes/tally");
        assertThat(tally.delay()).as("the default estimate").isEqualTo("1 à 2 jours ouvrés");
        assertThat(tally.fields()).extracting(ManualField::kind).containsExactly(FieldKind.EMAIL, FieldKind.TEXT,
                FieldKind.SELECT, FieldKind.DATE, FieldKind.URL, FieldKind.LONG_TEXT);
        assertThat(tally.field("role").orElseThrow().options()).containsExactly(
                new ManualField.Option("member", "Membre"), new ManualField.Option("admin", "admin"));
        assertThat(tally.grant()).hasValueSatisfying(g -> {
            assertThat(g.personField()).isEqualTo("email");
            assertThat(g.levelField()).isEqualTo("role");
        });
    }

    @Test
    void theShippedCatalogueIsValidWithTheApplicationsGroups() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/manual-requests.yaml")) {
            var types = ManualCatalogue.read("manual-requests.yaml", in,
                    Set.of("ops", "ops-ovh", "ops-scalingo", "ops-cloud", "ops-outils"), CODED);
            assertThat(types).extracting(ManualTypeDefinition::key).containsExactly("scalingo", "ressources-cloud",
                    "zone-dns", "updown", "brevo", "certificat-certigna", "liste-diffusion", "tally",
                    "welcome-to-the-jungle", "autre");
            assertThat(types).filteredOn(t -> t.key().equals("autre")).singleElement()
                    .satisfies(t -> assertThat(t.group()).isEqualTo("ops"))
                    .satisfies(t -> assertThat(t.fields()).singleElement()
                            .satisfies(f -> assertThat(f.kind()).isEqualTo(FieldKind.LONG_TEXT)));
        }
    }

    @Test
    void aDuplicateKeyIsNamed() {
        assertThatThrownBy(() -> read(VALID_TYPE + tallyWith("prefix: TLY", "prefix: TLZ")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessage("Catalogue des demandes manuelles (test.yaml) : type n°2 (tally) : la clé « tally » est déjà "
                        + "celle de type n°1 (tally).");
    }

    @Test
    void anUnknownFieldKindIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> read(tallyWith("kind: date", "kind: calendrier")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessage("Catalogue des demandes manuelles (test.yaml) : type n°1 (tally), champ n°4 (until) : type de "
                        + "champ inconnu « calendrier » (attendus : text, long-text, email, url, select, date).");
    }

    @Test
    void aMissingGroupIsNamed() {
        assertThatThrownBy(() -> read(tallyWith("    group: ops-outils\n", "")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessageContaining("type n°1 (tally) : le groupe (« group ») manque");
    }

    @Test
    void aGroupNotDeclaredInTheAccessConfigurationIsNamed() {
        assertThatThrownBy(() -> read(tallyWith("group: ops-outils", "group: ops-tally")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessageContaining("type n°1 (tally) : le groupe « ops-tally » n'est pas déclaré dans guichet.access.groups.");
    }

    @Test
    void aPrefixTakenByAnotherDeclaredTypeIsNamed() {
        assertThatThrownBy(() -> read(VALID_TYPE + tallyWith("key: tally", "key: tally-bis")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessageContaining("type n°2 (tally-bis) : le préfixe « TLY » est déjà celui de type n°1 (tally).");
    }

    @Test
    void aPrefixTakenByAnAutomatedTypeIsNamed() {
        assertThatThrownBy(() -> read(tallyWith("prefix: TLY", "prefix: SUB")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessageContaining("type n°1 (tally) : le préfixe « SUB » est déjà celui de le type « Demande de sous-domaine ».");
    }

    @Test
    void aFormPathTakenByAnAutomatedTypeIsNamed() {
        assertThatThrownBy(() -> read(tallyWith("key: tally", "key: sous-domaine")))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessageContaining("type n°1 (sous-domaine) : le formulaire /demandes/sous-domaine est déjà celui de le type");
    }

    @Test
    void otherBadEntriesAreNamedToo() {
        assertThatThrownBy(() -> read(tallyWith("    category: Outils\n", "    category: Outils\n    categorie: x\n")))
                .hasMessageContaining("type n°1 (tally) : réglage inconnu « categorie »");
        assertThatThrownBy(() -> read(tallyWith("    name: Demande d'accès Tally\n", "")))
                .hasMessageContaining("type n°1 (tally) : « name » manque.");
        assertThatThrownBy(() -> read(tallyWith("prefix: TLY", "prefix: tly")))
                .hasMessageContaining("le préfixe « tly » doit être fait de 2 à 5 majuscules.");
        assertThatThrownBy(() -> read(tallyWith(", options: [{value: member, label: Membre}, admin]", "")))
                .hasMessageContaining("champ n°3 (role) : une liste de choix (« select ») doit avoir ses « options ».");
        assertThatThrownBy(() -> read(tallyWith("pattern: '[a-z-]+'", "pattern: '[a-z'")))
                .hasMessageContaining("champ n°2 (workspace) : le motif « [a-z » n'est pas une expression régulière valide.");
        assertThatThrownBy(() -> read(tallyWith("{name: site, label: Site", "{name: email, label: Site")))
                .hasMessageContaining("champ n°5 (email) : le champ « email » est déclaré deux fois.");
        assertThatThrownBy(() -> read(tallyWith("resource: workspace", "resource: espace")))
                .hasMessageContaining("accès donné (grant) : le champ « espace » de la ressource doit être un champ obligatoire");
        assertThatThrownBy(() -> read(tallyWith("person: email", "person: workspace")))
                .hasMessageContaining("le champ « workspace » de la personne doit être une adresse e-mail obligatoire.");
        assertThatThrownBy(() -> ManualCatalogue.read("test.yaml", "types: [", GROUPS, CODED))
                .isInstanceOf(ManualCatalogueException.class).hasMessageContaining("n'est pas du YAML valide");
        assertThatThrownBy(() -> ManualCatalogue.read("test.yaml", "type: []", GROUPS, CODED))
                .hasMessageContaining("une seule clé « types »");
    }

    @Test
    void theDeclaredRulesCheckEachFieldWithAFrenchMessage() {
        ManualRequestType tally = new ManualRequestType(read(VALID_TYPE).get(0));
        var bad = new ManualRequest("Startup", "Raison", Map.of("email", "pas-une-adresse", "workspace", "Espace 1",
                "role", "owner", "until", "2026-02-30", "site", "ftp://x", "intrus", "x"));
        assertThat(tally.fieldErrors(bad)).extracting(RequestType.CheckFailure::field, RequestType.CheckFailure::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(null, "Le formulaire contient un champ inconnu : « intrus »."),
                        org.assertj.core.groups.Tuple.tuple("fields[email]", "« Adresse » doit être une adresse e-mail (nom@domaine.fr)."),
                        org.assertj.core.groups.Tuple.tuple("fields[workspace]", "Des minuscules."),
                        org.assertj.core.groups.Tuple.tuple("fields[role]", "Choisissez une des options proposées pour « Rôle »."),
                        org.assertj.core.groups.Tuple.tuple("fields[until]", "« Jusqu'au » doit être une date (AAAA-MM-JJ)."),
                        org.assertj.core.groups.Tuple.tuple("fields[site]", "« Site » doit être une adresse web commençant par https://."));
        assertThat(tally.fieldErrors(new ManualRequest("S", "R", Map.of())))
                .extracting(RequestType.CheckFailure::field)
                .containsExactly("fields[email]", "fields[workspace]", "fields[role]");
        var good = new ManualRequest("Startup", "Raison", Map.of("email", "a@b.fr", "workspace", "espace", "role", "admin",
                "until", "2026-02-28", "site", "https://x.fr", "notes", "ligne 1\nligne 2"));
        assertThat(tally.fieldErrors(good)).isEmpty();
        assertThat(tally.check(good)).isEmpty();
        assertThat(tally.grantOf(good)).hasValueSatisfying(g -> {
            assertThat(g.kind()).isEqualTo("manual");
            assertThat(g.beneficiaryEmail()).isEqualTo("a@b.fr");
            assertThat(g.level()).isEqualTo("admin");
            assertThat(g.providerId()).isEqualTo("tally espace");
        });
        assertThat(tally.describe(good)).startsWith("Demande d'accès Tally — Adresse : a@b.fr ; Espace : espace ; Rôle : admin")
                .endsWith("pour Startup");
        assertThatThrownBy(() -> tally.execute(good, "TLY-1"))
                .isInstanceOf(fr.beta.guichet.provider.ProviderRejectedException.class);
    }

    @Test
    void aMissingFileStopsTheStartupNamingTheVariable() {
        assertThatThrownBy(() -> new ManualTypes(new ManualProperties("classpath:absent-catalogue.yaml"),
                new org.springframework.core.io.DefaultResourceLoader(),
                new fr.beta.guichet.access.AccessProperties(List.of()), List.of(), null))
                .isInstanceOf(ManualCatalogueException.class)
                .hasMessage("Catalogue des demandes manuelles : le fichier classpath:absent-catalogue.yaml est "
                        + "introuvable (GUICHET_MANUAL_CATALOGUE).");
    }

    /** An automated type, as the six are: its key, prefix and form path are taken. */
    private static final class Coded implements RequestType<Coded.Form> {
        record Form(String x) {
        }

        @Override public String processKey() { return "request-subdomain"; }
        @Override public String name() { return "Demande de sous-domaine"; }
        @Override public String referencePrefix() { return "SUB"; }
        @Override public String resourceGroup() { return "ops-ovh"; }
        @Override public Class<Form> requestClass() { return Form.class; }
        @Override public String formPath() { return "/demandes/sous-domaine"; }
        @Override public Form blankForm() { return new Form(""); }
        @Override public String describe(Form request) { return ""; }
        @Override public Optional<CheckFailure> check(Form request) { return Optional.empty(); }
        @Override public Execution execute(Form request, String reference) { return Execution.ready(""); }
    }
}
