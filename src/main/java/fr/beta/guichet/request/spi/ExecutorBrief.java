package fr.beta.guichet.request.spi;

import java.util.List;

/**
 * What the executor of a request done by hand reads on the task page: the type's instructions and the request's
 * fields, labelled in French ({@link RequestType#executorBrief}).
 *
 * @param instructions how to do it, French text (may be empty)
 * @param facts        the request's fields as the form labelled them, in the form's order
 */
public record ExecutorBrief(String instructions, List<Fact> facts) {

    public ExecutorBrief {
        instructions = instructions == null ? "" : instructions;
        facts = List.copyOf(facts);
    }

    /** One field: its French label and the value given. */
    public record Fact(String label, String value) {
    }
}
