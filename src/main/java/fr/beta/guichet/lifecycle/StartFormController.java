package fr.beta.guichet.lifecycle;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every start form does: show the type's record with its defaults, validate on POST (Bean Validation, then
 * the type's business checks), re-show the form with French messages and the typed values, or start the process and
 * redirect to « Mes demandes ». A type's controller only adds its path, view and lists.
 * <p>
 * When the provider cannot be asked, the form comes back with its values, a French notice and the choice to file
 * the request anyway (its checks then run in {@code validate}), with a deliberate 503 and {@code Retry-After}.
 *
 * @param <R> the type's form record
 */
public abstract class StartFormController<R extends Record> {

    private final RequestType<R> type;
    private final RequestSubmission submission;

    protected StartFormController(RequestType<R> type, RequestSubmission submission) {
        this.type = type;
        this.submission = submission;
    }

    /** Thymeleaf view of the form, under {@code forms/}. */
    protected abstract String view();

    /** An empty form with the type's defaults. */
    protected abstract R blankForm();

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", blankForm());
        return view();
    }

    /** Seconds after which the requester may try the checks again. */
    static final String RETRY_AFTER_SECONDS = "60";

    @PostMapping
    String submit(@Valid @ModelAttribute("form") R form, BindingResult errors,
            @RequestParam(name = "checkLater", defaultValue = "false") boolean checkLater, Principal principal,
            RedirectAttributes redirect, Model model, HttpServletResponse response) {
        var result = submission.submit(type, form, errors, principal.getName(), checkLater);
        switch (result.outcome()) {
            case STARTED -> {
                redirect.addFlashAttribute("created", result.reference());
                if (checkLater) {
                    redirect.addFlashAttribute("checkLater", true);
                }
                return "redirect:/mes-demandes";
            }
            case CHECK_UNAVAILABLE -> {
                model.addAttribute("checkUnavailable", true);
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                return view();
            }
            default -> {
                return view();
            }
        }
    }
}
