package fr.beta.guichet.matomo;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;
import fr.beta.guichet.provider.matomo.MatomoAccess;

/** Start form of a Matomo access request. */
@Controller
@RequestMapping(MatomoFormController.PATH)
class MatomoFormController extends StartFormController<MatomoRequest> {

    static final String PATH = "/demandes/matomo";

    MatomoFormController(MatomoRequestType type, RequestSubmission submission) {
        super(type, submission);
    }

    @Override
    protected String view() {
        return "requests/matomo/form";
    }

    @Override
    protected MatomoRequest blankForm() {
        return MatomoRequest.blank();
    }

    @ModelAttribute("accessLevels")
    MatomoAccess[] accessLevels() {
        return MatomoAccess.values();
    }
}
