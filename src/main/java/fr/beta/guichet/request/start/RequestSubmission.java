package fr.beta.guichet.request.start;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;
import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.RequestVariables;

/**
 * What every start form does on POST, after Bean Validation: the type's business checks (so that a taken name is
 * reported on the form, not a day later), then the start of the process. Nothing is started on invalid input.
 * <p>
 * When the checks cannot be made — the provider is down, slow, or answers something unexpected — nothing is started
 * either: the form comes back with its values and says so ({@link Outcome#CHECK_UNAVAILABLE}). The requester then
 * retries, or files the request with its checks left to {@code validate} ({@code checkLater}), which makes the same
 * checks with retries and rejects the request with the reason if one fails.
 */
@Component
class RequestSubmission {

    private static final Logger log = LoggerFactory.getLogger(RequestSubmission.class);

    private final RequestStarter starter;
    private final RequestReadModel readModel;

    RequestSubmission(RequestStarter starter, RequestReadModel readModel) {
        this.starter = starter;
        this.readModel = readModel;
    }

    /** How a submission ended. */
    public enum Outcome {
        /** The request is filed: {@link Result#reference()} names it. */
        STARTED,
        /** The form must show the errors now in the binding result. */
        INVALID,
        /** The checks could not be made; nothing was started. */
        CHECK_UNAVAILABLE,
        /**
         * The requester already has an open request of this type asking the same thing ({@link Result#reference()}
         * names it); nothing was started unless they confirm.
         */
        DUPLICATE
    }

    public record Result(Outcome outcome, String reference) {
    }

    /**
     * @param checkLater the requester chose to file the request although its checks could not be made just now
     */
    public <R extends Record> Result submit(RequestType<R> type, R request, BindingResult errors, String requester,
            boolean checkLater) {
        return submit(type, request, errors, requester, checkLater, true);
    }

    /**
     * @param sameAgainOk the requester confirmed they mean a second request identical to one still open
     */
    public <R extends Record> Result submit(RequestType<R> type, R request, BindingResult errors, String requester,
            boolean checkLater, boolean sameAgainOk) {
        if (errors.hasErrors() || fieldErrors(type, request, errors)) {
            return new Result(Outcome.INVALID, null);
        }
        if (!sameAgainOk) {
            var same = readModel.openSameRequest(requester, type.processKey(),
                    RequestVariables.shortened(type.describe(request)));
            if (same.isPresent()) {
                return new Result(Outcome.DUPLICATE, same.get());
            }
        }
        try {
            type.check(request).ifPresent(failure -> {
                if (failure.field() != null) {
                    errors.rejectValue(failure.field(), "check", failure.message());
                } else {
                    errors.reject("check", failure.message());
                }
            });
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            // A read-only check refused or failed: a technical matter, never the requester's fault nor a 500.
            log.warn("Checks of a {} request could not be made: {}", type.processKey(), e.getMessage());
            if (!checkLater) {
                return new Result(Outcome.CHECK_UNAVAILABLE, null);
            }
        }
        if (errors.hasErrors()) {
            return new Result(Outcome.INVALID, null);
        }
        return new Result(Outcome.STARTED, starter.start(type, request, requester));
    }

    /**
     * The same checks for a request corrected in answer to a question ({@link RequestFormController}'s reply form):
     * Bean Validation's errors, then the type's business checks into {@code errors}. When the checks cannot be made
     * just now the correction goes on, as with {@code checkLater}: {@code ServiceTask_Revalidate} makes them again
     * with retries and rejects the request with the reason if one fails.
     *
     * @return whether the correction may be saved ({@code errors} holds nothing)
     */
    public <R extends Record> boolean passesChecks(RequestType<R> type, R request, BindingResult errors) {
        if (errors.hasErrors() || fieldErrors(type, request, errors)) {
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
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            log.warn("Checks of a corrected {} request left to revalidate: {}", type.processKey(), e.getMessage());
        }
        return !errors.hasErrors();
    }

    /** The type's runtime field rules ({@link RequestType#fieldErrors}) into {@code errors}; whether any failed. */
    private static <R extends Record> boolean fieldErrors(RequestType<R> type, R request, BindingResult errors) {
        var failures = type.fieldErrors(request);
        failures.forEach(failure -> {
            if (failure.field() != null) {
                errors.rejectValue(failure.field(), "check", failure.message());
            } else {
                errors.reject("check", failure.message());
            }
        });
        return !failures.isEmpty();
    }
}
