package fr.beta.guichet.system;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import fr.beta.guichet.provider.ProviderRejectedException;
import fr.beta.guichet.provider.ProviderUnavailableException;

/**
 * The last line on every page: a provider or engine failure that a controller did not turn into a message of its
 * own becomes a French page with a deliberate status, never a stack trace nor a 500 —
 * <ul>
 *   <li>a provider that is down, slow or answers something unexpected: 503 with {@code Retry-After};</li>
 *   <li>a race with another person or a timer (optimistic locking, a task claimed meanwhile): 409;</li>
 *   <li>an engine authorization refusal: 403;</li>
 *   <li>any other engine failure (the database is unavailable, say): 503.</li>
 * </ul>
 * The exception is logged (its message never holds a secret: the clients keep credentials out of it); the page
 * shows none of it.
 */
@ControllerAdvice
class FailurePages {

    static final String RETRY_AFTER_SECONDS = "60";
    private static final Logger log = LoggerFactory.getLogger(FailurePages.class);

    @ExceptionHandler({ProviderUnavailableException.class, ProviderRejectedException.class})
    String providerFailed(RuntimeException e, HttpServletResponse response, Model model) {
        log.warn("Provider failure on a page: {}", e.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return page(response, model, HttpStatus.SERVICE_UNAVAILABLE, "error.provider");
    }

    @ExceptionHandler({OptimisticLockingException.class, TaskAlreadyClaimedException.class})
    String race(ProcessEngineException e, HttpServletResponse response, Model model) {
        log.info("Concurrent change on a page: {}", e.getMessage());
        return page(response, model, HttpStatus.CONFLICT, "error.conflict");
    }

    @ExceptionHandler(AuthorizationException.class)
    String forbidden(AuthorizationException e, HttpServletResponse response, Model model) {
        log.info("Engine authorization refused: {}", e.getMessage());
        return page(response, model, HttpStatus.FORBIDDEN, "error.403");
    }

    @ExceptionHandler(ProcessEngineException.class)
    String engineFailed(ProcessEngineException e, HttpServletResponse response, Model model) {
        log.error("Engine failure on a page", e);
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return page(response, model, HttpStatus.SERVICE_UNAVAILABLE, "error.engine");
    }

    private static String page(HttpServletResponse response, Model model, HttpStatus status, String messageKey) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", messageKey);
        return "error";
    }
}
