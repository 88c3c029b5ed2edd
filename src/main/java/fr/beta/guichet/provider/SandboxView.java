package fr.beta.guichet.provider;

import java.util.List;

/**
 * What a {@link FakeApi} shows on the « Bac à sable » page: a few tables read from its {@link SandboxStore}.
 * Captions and headings are message keys (French text in {@code messages.properties}); cells are data.
 */
public interface SandboxView {

    List<Table> sandboxTables();

    /**
     * @param id          the HTML id of the table (stable: tests and the browser test find tables by it)
     * @param captionKey  message key of the caption; {@code captionArgument} is its {0}
     * @param headingKeys message keys of the column headings
     * @param rows        cells, one list per row, in the headings' order
     */
    record Table(String id, String captionKey, String captionArgument, List<String> headingKeys,
            List<List<String>> rows) {
    }
}
