package fr.beta.guichet.mailbox;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.beta.guichet.lifecycle.RequestSubmission;
import fr.beta.guichet.lifecycle.StartFormController;

/** Start form of a mailbox or redirection request. */
@Controller
@RequestMapping(MailboxFormController.PATH)
class MailboxFormController extends StartFormController<MailboxRequest> {

    static final String PATH = "/demandes/adresse-mail";

    private final MailboxProperties properties;

    MailboxFormController(MailboxRequestType type, RequestSubmission submission, MailboxProperties properties) {
        super(type, submission);
        this.properties = properties;
    }

    @Override
    protected String view() {
        return "requests/mailbox/form";
    }

    @Override
    protected MailboxRequest blankForm() {
        return MailboxRequest.blank();
    }

    @ModelAttribute("domain")
    String domain() {
        return properties.domain();
    }

    @ModelAttribute("kinds")
    MailboxKind[] kinds() {
        return MailboxKind.values();
    }
}
