package fr.beta.guichet.lifecycle;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * What every start form does on POST, after Bean Validation: the type's business checks (so that a taken name is
 * reported on the form, not a day later), then the start of the process. Nothing is started on invalid input.
 */
@Component
public class RequestSubmission {

    private static final Logger log = LoggerFactory.getLogger(RequestSubmission.class);

    private final RequestStarter starter;

    RequestSubmission(RequestStarter starter) {
        this.starter = starter;
    }

    /** @return the new request's reference, or empty when {@code errors} now holds what the form must show */
    public <R extends Record> Optional<String> submit(RequestType<R> type, R request, BindingResult errors,
            String requester) {
        if (!passesChecks(type, request, errors)) {
            return Optional.empty();
        }
        return Optional.of(starter.start(type, request, requester));
    }

    /**
     * The start form's checks after Bean Validation: the type's business checks, their failure put into
     * {@code errors}. Also used when a requester corrects a request in answer to a question.
     *
     * @return whether the request may go on ({@code errors} holds nothing)
     */
    public <R extends Record> boolean passesChecks(RequestType<R> type, R request, BindingResult errors) {
        if (errors.hasErrors()) {
            return false;
        }
        try {
            type.check(request).ifPresent(failure -> {
                if (failure.field() != null) {
                    errors.rejectValue(failure.field(), "check", failure.message());
                } else {
                    errors.reject("check", failure.message());
                }
            });
        } catch (ProviderUnavailableException e) {
            // The provider is down: start anyway, the process's validate step checks again with retries.
            log.warn("Pre-check of a {} request skipped: {}", type.processKey(), e.getMessage());
        }
        return !errors.hasErrors();
    }
}
