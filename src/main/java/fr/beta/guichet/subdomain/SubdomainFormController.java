package fr.beta.guichet.subdomain;

import java.security.Principal;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.beta.guichet.lifecycle.RequestSubmission;

/** Start form of a subdomain request. */
@Controller
@RequestMapping(SubdomainFormController.PATH)
class SubdomainFormController {

    static final String PATH = "/demandes/sous-domaine";
    static final String VIEW = "requests/subdomain/form";

    private final SubdomainRequestType type;
    private final RequestSubmission submission;
    private final SubdomainProperties properties;

    SubdomainFormController(SubdomainRequestType type, RequestSubmission submission, SubdomainProperties properties) {
        this.type = type;
        this.submission = submission;
        this.properties = properties;
    }

    @ModelAttribute("zone")
    String zone() {
        return properties.zone();
    }

    @ModelAttribute("recordTypes")
    SubdomainRecordType[] recordTypes() {
        return SubdomainRecordType.values();
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", SubdomainRequest.blank());
        return VIEW;
    }

    @PostMapping
    String submit(@Valid @ModelAttribute("form") SubdomainRequest form, BindingResult errors, Principal principal,
            RedirectAttributes redirect) {
        return submission.submit(type, form, errors, principal.getName())
                .map(reference -> {
                    redirect.addFlashAttribute("created", reference);
                    return "redirect:/mes-demandes";
                })
                .orElse(VIEW);
    }
}
