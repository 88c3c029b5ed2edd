package fr.beta.guichet.request.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of request (subdomain, mailbox…). Implementations are Spring beans; the shared lifecycle finds them by
 * process key. Everything here must be free of secrets: descriptions go to the chat channel and to history.
 *
 * @param <R> the type's form record, stored as the JSON variable {@code request}
 */
public interface RequestType<R extends Record> {

    /** Process definition key, also the BPMN file name: {@code request-subdomain}. */
    String processKey();

    /**
     * French name of the type's process definition, as Cockpit and Tasklist show it: {@code Demande de
     * sous-domaine}.
     */
    String name();

    /** Prefix of the readable reference used as business key: {@code SUB} gives {@code SUB-2026-0042}. */
    String referencePrefix();

    /** Candidate group of {@code claim}: the admins who hold access to the resource. */
    String resourceGroup();

    Class<R> requestClass();

    /**
     * Path of the start form, {@code /demandes/<slug>}: {@code /demandes/sous-domaine}. The one start form controller
     * serves it, with the question-and-correction form under {@code <path>/reponse/<reference>}.
     */
    String formPath();

    /** An empty form with the type's defaults. */
    R blankForm();

    /**
     * Thymeleaf view of the type's form fields, under {@code forms/}: by default {@code requests/<key without
     * "request-" and hyphens>/form}, e.g. {@code requests/dnsdelegation/form}.
     */
    default String formView() {
        return "requests/" + processKey().replaceFirst("^request-", "").replace("-", "") + "/form";
    }

    /** What the form's fields need besides the record: lists of choices, the zone… */
    default Map<String, Object> formModel() {
        return Map.of();
    }

    /** Short French description of what is asked, e.g. {@code CNAME monsite.beta.gouv.fr → app.example.org.}. */
    String describe(R request);

    /**
     * The requester's « Pourquoi ? », for the admins: the record's {@code reason} component ({@code @RequestReason}),
     * or {@code null} for a record without one. A type whose reason is elsewhere overrides this.
     */
    default String reasonOf(R request) {
        if (request == null) {
            return null;
        }
        for (var component : request.getClass().getRecordComponents()) {
            if ("reason".equals(component.getName()) && component.getType() == String.class) {
                try {
                    return (String) component.getAccessor().invoke(request);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Business checks against the provider, read-only. Runs at form submission (to show the error on the form)
     * and again in {@code validate} (the authoritative check).
     *
     * @return the failed check, or empty when the request can be done
     */
    Optional<CheckFailure> check(R request);

    /**
     * Makes the request real at the provider. Must be idempotent: a resource that already exists as requested
     * counts as done. Throws {@code ProviderRejectedException} for a business refusal (manual execution follows)
     * and lets technical failures propagate (retries, then an incident).
     *
     * @param reference the request's reference (business key), e.g. to file a generated secret under it
     * @return what now exists, or that the provider is still working on it
     */
    Execution execute(R request, String reference);

    /**
     * For providers that work asynchronously: looks whether the resource now exists. Called every
     * {@code guichet.provider-polling.interval} after {@link #execute} answered {@code PENDING}.
     */
    default Execution checkPending(R request, String reference) {
        return execute(request, reference);
    }

    /**
     * The access this request gave a person once done, for the access registry; empty for requests that give no
     * personal access (a subdomain).
     */
    default Optional<GrantSpec> grantOf(R request) {
        return Optional.empty();
    }

    /**
     * Field rules that are not annotations of the record, because the fields themselves are declared at runtime (the
     * manual types): checked at submission after Bean Validation, all reported on the form at once. The six types
     * built as code have none.
     *
     * @return one failure a field ({@link CheckFailure#field()} as a binding path, e.g. {@code fields[email]})
     */
    default List<CheckFailure> fieldErrors(R request) {
        return List.of();
    }

    /**
     * For a request done by hand: the instructions and the fields the executor sees on the task page. Empty for the
     * types a provider executes.
     */
    default Optional<ExecutorBrief> executorBrief(R request) {
        return Optional.empty();
    }

    /** A failed business check: the form field it concerns (or {@code null}) and the French message. */
    record CheckFailure(String field, String message) {
    }
}
