package fr.beta.guichet.sentry;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;
import fr.beta.guichet.provider.sentry.SentryTeamRole;

/** Start form of a Sentry team membership request. */
@Controller
@RequestMapping(SentryFormController.PATH)
class SentryFormController extends StartFormController<SentryRequest> {

    static final String PATH = "/demandes/sentry";

    SentryFormController(SentryRequestType type, RequestSubmission submission) {
        super(type, submission);
    }

    @Override
    protected String view() {
        return "requests/sentry/form";
    }

    @Override
    protected SentryRequest blankForm() {
        return SentryRequest.blank();
    }

    @ModelAttribute("teamRoles")
    SentryTeamRole[] teamRoles() {
        return SentryTeamRole.values();
    }
}
