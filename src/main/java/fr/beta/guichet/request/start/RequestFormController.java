package fr.beta.guichet.request.start;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Validator;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.read.RequestView;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.tasks.DialogueText;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * The one start form of every request type, at the type's {@link RequestType#formPath()}: show the type's record
 * with its defaults, validate on POST (Bean Validation, then the type's business checks), re-show the form with
 * French messages and the typed values, or start the process and redirect to « Mes demandes ». A type brings only
 * its record, its {@link RequestType} and the template of its fields.
 * <p>
 * When the provider cannot be asked, the form comes back with its values, a French notice and the choice to file
 * the request anyway (its checks then run in {@code validate}), with a deliberate 503 and {@code Retry-After}.
 * <p>
 * The same fields, with the same checks, make the reply form of a question asked to the requester
 * ({@code <path>/reponse/<reference>}): an answer, and the request's data to correct if need be.
 */
@Controller
@RequestMapping("/demandes/{slug:[a-z0-9-]+}")
class RequestFormController {

    /** Seconds after which the requester may try the checks again. */
    static final String RETRY_AFTER_SECONDS = "60";
    private static final String FORM = "form";

    private final RequestTypes types;
    private final RequestSubmission submission;
    private final RequestCorrection correction;
    private final Validator validator;
    private final ConversionService conversionService;

    RequestFormController(RequestTypes types, RequestSubmission submission, RequestCorrection correction,
            @Qualifier("mvcValidator") Validator validator,
            @Qualifier("mvcConversionService") ConversionService conversionService) {
        this.types = types;
        this.submission = submission;
        this.correction = correction;
        this.validator = validator;
        this.conversionService = conversionService;
    }

    @GetMapping
    String form(@PathVariable String slug, Model model) {
        RequestType<?> type = typeOf(slug);
        model.addAllAttributes(type.formModel());
        model.addAttribute(FORM, type.blankForm());
        return type.formView();
    }

    @PostMapping
    String submit(@PathVariable String slug, HttpServletRequest httpRequest,
            @RequestParam(name = "checkLater", defaultValue = "false") boolean checkLater,
            @RequestParam(name = "sameAgain", defaultValue = "false") boolean sameAgain, Principal principal,
            RedirectAttributes redirect, Model model, HttpServletResponse response) {
        return submit(typeOf(slug), httpRequest, checkLater, sameAgain, principal, redirect, model, response);
    }

    private <R extends Record> String submit(RequestType<R> type, HttpServletRequest httpRequest, boolean checkLater,
            boolean sameAgain, Principal principal, RedirectAttributes redirect, Model model,
            HttpServletResponse response) {
        model.addAllAttributes(type.formModel());
        var binding = bind(type, httpRequest, model);
        var result = submission.submit(type, binding.form(), binding.errors(), principal.getName(), checkLater,
                sameAgain);
        switch (result.outcome()) {
            case STARTED -> {
                redirect.addFlashAttribute("created", result.reference());
                if (checkLater) {
                    redirect.addFlashAttribute("checkLater", true);
                }
                return "redirect:/mes-demandes";
            }
            case DUPLICATE -> {
                // the same request is still open: say so, link to it, and let the requester file it anyway
                model.addAttribute("sameOpen", result.reference());
                model.addAttribute("checkLater", checkLater);
                return type.formView();
            }
            case CHECK_UNAVAILABLE -> {
                model.addAttribute("checkUnavailable", true);
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                return type.formView();
            }
            default -> {
                return type.formView();
            }
        }
    }

    /** The reply form: the question, an answer, and the request's fields as they stand. */
    @GetMapping("/reponse/{reference}")
    String answerForm(@PathVariable String slug, @PathVariable String reference, Principal principal, Model model) {
        return answerForm(typeOf(slug), reference, principal, model);
    }

    /**
     * « Répondre et corriger la demande » from the request's page: the same reply form, with the answer typed there
     * carried over (nothing is saved yet). A POST, so the answer never lands in a URL.
     */
    @PostMapping("/reponse/{reference}/corriger")
    String answerFormWithAnswer(@PathVariable String slug, @PathVariable String reference,
            @RequestParam(name = "answer", defaultValue = "") String answer, Principal principal, Model model) {
        return answerForm(typeOf(slug), reference, principal, model, answer);
    }

    private <R extends Record> String answerForm(RequestType<R> type, String reference, Principal principal,
            Model model) {
        return answerForm(type, reference, principal, model, "");
    }

    private <R extends Record> String answerForm(RequestType<R> type, String reference, Principal principal,
            Model model, String answer) {
        RequestView request = correction.own(principal.getName(), reference, type);
        if (!correction.waitsForAnswer(request)) {
            return "redirect:/mes-demandes/" + reference;
        }
        model.addAllAttributes(type.formModel());
        model.addAttribute(FORM, correction.current(request, type));
        return answerView(type, model, request, answer.length() > 2000 ? answer.substring(0, 2000) : answer, false);
    }

    /**
     * The answer, with the fields checked exactly as at the start (Bean Validation, then the type's business
     * checks): on any error the form comes back with French messages and nothing is changed.
     */
    @PostMapping("/reponse/{reference}")
    String answer(@PathVariable String slug, @PathVariable String reference, HttpServletRequest httpRequest,
            @RequestParam(name = "answer", defaultValue = "") String answer, Principal principal, Model model,
            RedirectAttributes redirect) {
        return answer(typeOf(slug), reference, httpRequest, answer, principal, model, redirect);
    }

    private <R extends Record> String answer(RequestType<R> type, String reference, HttpServletRequest httpRequest,
            String answer, Principal principal, Model model, RedirectAttributes redirect) {
        RequestView request = correction.own(principal.getName(), reference, type);
        if (!correction.waitsForAnswer(request)) {
            redirect.addFlashAttribute("errorKey", "dialogue.error.notWaiting");
            return "redirect:/mes-demandes/" + reference;
        }
        model.addAllAttributes(type.formModel());
        var binding = bind(type, httpRequest, model);
        var text = DialogueText.clean(answer);
        boolean fieldsValid = submission.passesChecks(type, binding.form(), binding.errors());
        if (text.isEmpty() || !fieldsValid) {
            return answerView(type, model, request, answer, text.isEmpty());
        }
        try {
            correction.answer(request, principal.getName(), text.get(), type, binding.form());
            redirect.addFlashAttribute("answered", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/mes-demandes/" + reference;
    }

    private String answerView(RequestType<?> type, Model model, RequestView request, String answer,
            boolean answerError) {
        model.addAttribute("request", request);
        model.addAttribute("dialogue", correction.dialogue(request));
        model.addAttribute("answer", answer);
        model.addAttribute("answerError", answerError);
        model.addAttribute("fieldsView", type.formView());
        model.addAttribute("answerAction", type.formPath() + "/reponse/" + request.reference());
        return "myrequests/answer";
    }

    private RequestType<?> typeOf(String slug) {
        return types.byFormPath("/demandes/" + slug)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /**
     * Binds the posted fields to the type's record as Spring MVC binds a {@code @Valid @ModelAttribute} record
     * (constructor binding, the MVC conversion service and validator), and puts the form and its errors in the
     * model for a redisplay.
     */
    private <R extends Record> Binding<R> bind(RequestType<R> type, HttpServletRequest httpRequest, Model model) {
        var binder = new ServletRequestDataBinder(null, FORM);
        binder.setTargetType(ResolvableType.forClass(type.requestClass()));
        binder.setConversionService(conversionService);
        binder.setValidator(validator);
        binder.construct(httpRequest);
        if (binder.getTarget() != null) {
            binder.validate();
        }
        BindingResult errors = binder.getBindingResult();
        model.addAllAttributes(errors.getModel());
        return new Binding<>(type.requestClass().cast(binder.getTarget()), errors);
    }

    private record Binding<R>(R form, BindingResult errors) {
    }
}
