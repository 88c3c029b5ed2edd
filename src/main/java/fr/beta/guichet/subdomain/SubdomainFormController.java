package fr.beta.guichet.subdomain;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;

/** Start form of a subdomain request. */
@Controller
@RequestMapping(SubdomainFormController.PATH)
class SubdomainFormController extends StartFormController<SubdomainRequest> {

    static final String PATH = "/demandes/sous-domaine";

    private final SubdomainProperties properties;

    SubdomainFormController(SubdomainRequestType type, RequestSubmission submission, SubdomainProperties properties) {
        super(type, submission);
        this.properties = properties;
    }

    @Override
    protected String view() {
        return "requests/subdomain/form";
    }

    @Override
    protected SubdomainRequest blankForm() {
        return SubdomainRequest.blank();
    }

    @ModelAttribute("zone")
    String zone() {
        return properties.zone();
    }

    @ModelAttribute("recordTypes")
    SubdomainRecordType[] recordTypes() {
        return SubdomainRecordType.values();
    }
}
