package fr.beta.guichet.lifecycle;

import java.security.Principal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
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
 * <p>
 * The same fields, with the same checks, make the reply form of a question asked to the requester
 * ({@code <path>/reponse/<reference>}): an answer, and the request's data to correct if need be.
 *
 * @param <R> the type's form record
 */
public abstract class StartFormController<R extends Record> {

    private final RequestType<R> type;
    private final RequestSubmission submission;
    /** Field-injected so that the types' controllers keep their constructors. */
    @Autowired
    private RequestCorrection correction;

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

    /** The reply form: the question, an answer, and the request's fields as they stand. */
    @GetMapping("/reponse/{reference}")
    String answerForm(@PathVariable String reference, Principal principal, Model model) {
        RequestView request = correction.own(principal.getName(), reference, type);
        if (!correction.waitsForAnswer(request)) {
            return "redirect:/mes-demandes/" + reference;
        }
        model.addAttribute("form", correction.current(request, type));
        return answerView(model, request, "", false);
    }

    /**
     * The answer, with the fields checked exactly as at the start (Bean Validation, then the type's business
     * checks): on any error the form comes back with French messages and nothing is changed.
     */
    @PostMapping("/reponse/{reference}")
    String answer(@PathVariable String reference, @Valid @ModelAttribute("form") R form, BindingResult errors,
            @RequestParam(name = "answer", defaultValue = "") String answer, Principal principal, Model model,
            RedirectAttributes redirect) {
        RequestView request = correction.own(principal.getName(), reference, type);
        if (!correction.waitsForAnswer(request)) {
            redirect.addFlashAttribute("errorKey", "dialogue.error.notWaiting");
            return "redirect:/mes-demandes/" + reference;
        }
        var text = DialogueText.clean(answer);
        boolean fieldsValid = submission.passesChecks(type, form, errors);
        if (text.isEmpty() || !fieldsValid) {
            return answerView(model, request, answer, text.isEmpty());
        }
        try {
            correction.answer(request, principal.getName(), text.get(), type, form);
            redirect.addFlashAttribute("answered", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/mes-demandes/" + reference;
    }

    private String answerView(Model model, RequestView request, String answer, boolean answerError) {
        model.addAttribute("request", request);
        model.addAttribute("dialogue", correction.dialogue(request));
        model.addAttribute("answer", answer);
        model.addAttribute("answerError", answerError);
        model.addAttribute("fieldsView", view());
        model.addAttribute("answerAction", type.formPath() + "/reponse/" + request.reference());
        return "myrequests/answer";
    }
}
