package fr.beta.guichet.dnsdelegation;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;
import fr.beta.guichet.subdomain.SubdomainProperties;

/** Start form of a DNS delegation request. */
@Controller
@RequestMapping(DnsDelegationFormController.PATH)
class DnsDelegationFormController extends StartFormController<DnsDelegationRequest> {

    static final String PATH = "/demandes/delegation-dns";

    private final SubdomainProperties zone;

    DnsDelegationFormController(DnsDelegationRequestType type, RequestSubmission submission,
            SubdomainProperties zone) {
        super(type, submission);
        this.zone = zone;
    }

    @Override
    protected String view() {
        return "requests/dnsdelegation/form";
    }

    @Override
    protected DnsDelegationRequest blankForm() {
        return DnsDelegationRequest.blank();
    }

    @ModelAttribute("zone")
    String zone() {
        return zone.zone();
    }
}
