package fr.beta.guichet.manual;

/** A catalogue file the app cannot start with; the French message names the entry and what is wrong with it. */
public class ManualCatalogueException extends IllegalStateException {

    ManualCatalogueException(String message) {
        super(message);
    }

    ManualCatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
