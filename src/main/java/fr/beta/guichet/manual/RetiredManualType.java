package fr.beta.guichet.manual;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import fr.beta.guichet.request.spi.ExecutorBrief;

/**
 * A manual type removed from the catalogue while requests of it still run: they finish (claim, question, « fait »,
 * reject, with their fields shown by name), no new one is filed and no correction accepted.
 */
final class RetiredManualType extends ManualRequestType {

    static final String NO_LONGER_OFFERED = "Ce type de demande n'est plus proposé au catalogue.";

    RetiredManualType(String key, String name) {
        super(new ManualTypeDefinition(key, "RET", name, name, name, "", "ops", "", "", List.of(), Optional.empty()));
    }

    @Override
    public List<CheckFailure> fieldErrors(ManualRequest request) {
        return List.of(new CheckFailure(null, NO_LONGER_OFFERED));
    }

    @Override
    public String describe(ManualRequest request) {
        String values = request.fields().entrySet().stream().filter(e -> !e.getValue().isEmpty()).limit(3)
                .map(e -> e.getKey() + " : " + e.getValue()).collect(Collectors.joining(" ; "));
        String text = name() + (values.isEmpty() ? "" : " — " + values) + " pour " + request.startup();
        return text.length() > 300 ? text.substring(0, 299) + "…" : text;
    }

    @Override
    public Optional<ExecutorBrief> executorBrief(ManualRequest request) {
        List<ExecutorBrief.Fact> facts = new ArrayList<>();
        request.fields().forEach((name, value) -> facts.add(new ExecutorBrief.Fact(name, value)));
        facts.add(new ExecutorBrief.Fact("Startup", request.startup()));
        facts.add(new ExecutorBrief.Fact("Motif", request.reason()));
        return Optional.of(new ExecutorBrief(NO_LONGER_OFFERED + " Terminez la demande à la main.", facts));
    }
}
