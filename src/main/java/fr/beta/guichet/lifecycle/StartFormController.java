package fr.beta.guichet.lifecycle;

import java.security.Principal;

import jakarta.validation.Valid;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every start form does: show the type's record with its defaults, validate on POST (Bean Validation, then
 * the type's business checks), re-show the form with French messages and the typed values, or start the process and
 * redirect to « Mes demandes ». A type's controller only adds its path, view and lists.
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

    @PostMapping
    String submit(@Valid @ModelAttribute("form") R form, BindingResult errors, Principal principal,
            RedirectAttributes redirect) {
        return submission.submit(type, form, errors, principal.getName())
                .map(reference -> {
                    redirect.addFlashAttribute("created", reference);
                    return "redirect:/mes-demandes";
                })
                .orElse(view());
    }
}
