package fr.beta.guichet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.request.spi.RequestType;

/**
 * The module boundaries, as Spring Modulith reads them (one module per package under {@code fr.beta.guichet}): no
 * cycle, no use of another module's internals, request types that never use each other, and the module
 * documentation of {@code docs/modules} kept as the code is.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(GuichetApplication.class);
    private static final Path DOCS = Path.of("docs", "modules");

    @Test
    void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    /** A request type is a plugin of the lifecycle: it may use providers and the lifecycle, never another type. */
    @Test
    void requestTypesNeverUseEachOther() {
        Set<String> types = typeModules();
        assertThat(types).contains("subdomain", "mailbox", "matomo", "dockerhub", "dnsdelegation", "sentry");
        for (String type : types) {
            var module = MODULES.getModuleByName(type).orElseThrow();
            var uses = module.getDirectDependencies(MODULES).stream().map(d -> d.getTargetModule().getName())
                    .collect(Collectors.toSet());
            assertThat(uses).as(type + " uses").doesNotContainAnyElementsOf(types);
        }
    }

    /** The lifecycle ({@code request}) knows the types only through {@link RequestType}: it depends on none of them. */
    @Test
    void theLifecycleDependsOnNoType() {
        var lifecycle = MODULES.getModuleByName("request").orElseThrow();
        var uses = lifecycle.getDirectDependencies(MODULES).stream().map(d -> d.getTargetModule().getName()).toList();
        assertThat(uses).doesNotContainAnyElementsOf(typeModules());
    }

    /**
     * The sub-packages of {@code request} are layers (its {@code package-info}): {@code spi} uses none of the others,
     * {@code engine} may use them all, and no two of them use each other.
     */
    @Test
    void theRequestSubPackagesHaveNoCycle() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.beta.guichet.request");
        SlicesRuleDefinition.slices().matching("fr.beta.guichet.request.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    /**
     * Provider clients speak HTTP and know nothing of processes: no engine type (a refusal is a plain exception
     * that the engine side turns into a BPMN error) and no request code.
     */
    @Test
    void providersUseNeitherTheEngineNorRequestCode() {
        var provider = MODULES.getModuleByName("provider").orElseThrow();
        var engineUse = provider.getBasePackage().stream()
                .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                .map(dependency -> dependency.getTargetClass().getPackageName())
                .filter(name -> name.startsWith("org.camunda.bpm.engine")).distinct().toList();
        assertThat(engineUse).as("engine packages used by providers").isEmpty();
        var uses = provider.getDirectDependencies(MODULES).stream().map(d -> d.getTargetModule().getName()).toList();
        assertThat(uses).doesNotContain("request").doesNotContainAnyElementsOf(typeModules());
    }

    /** {@code docs/modules} is what the Documenter writes from the code as it is. */
    @Test
    void moduleDocumentationIsUpToDate() throws IOException {
        Path generated = Path.of("target", "modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeDocumentation();
        List<String> stale = files(generated).stream()
                .filter(name -> !sameContent(generated.resolve(name), DOCS.resolve(name))).toList();
        assertThat(stale).as("regenerated files differing from docs/modules (copy target/modulith-docs there)")
                .isEmpty();
        assertThat(files(DOCS)).as("files of docs/modules").containsExactlyInAnyOrderElementsOf(files(generated));
    }

    private static Set<String> typeModules() {
        return MODULES.stream()
                .filter(module -> module.getSpringBeans().stream()
                        .anyMatch(bean -> bean.getType().isAssignableTo(RequestType.class)))
                .map(ApplicationModule::getName).collect(Collectors.toSet());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Same lines in any order: the Documenter lists a diagram's relations in no stable order. */
    private static boolean sameContent(Path a, Path b) {
        try {
            return Files.exists(b) && Files.readAllLines(a).stream().sorted().toList()
                    .equals(Files.readAllLines(b).stream().sorted().toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
