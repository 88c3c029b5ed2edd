package fr.beta.guichet.account;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Mon compte »: each person sets their own Tchap identifier and Mattermost username (the chats mention them by
 * these). There is no user id in the URL or the form: a person can only ever change their own.
 */
@Controller
@RequestMapping("/mon-compte")
class AccountController {

    private final ChatIdentities identities;

    AccountController(ChatIdentities identities) {
        this.identities = identities;
    }

    @GetMapping
    String show(Principal principal, Model model) {
        var identity = identities.of(principal.getName());
        var form = new AccountForm();
        form.setMatrixUserId(identity.matrixUserId());
        form.setMattermostUsername(identity.mattermostUsername());
        model.addAttribute("account", form);
        return "account/account";
    }

    @PostMapping
    String save(@ModelAttribute("account") AccountForm form, BindingResult errors, Principal principal,
            RedirectAttributes redirect) {
        ChatIdentities.checkMatrixUserId(form.getMatrixUserId())
                .or(() -> identities.checkMatrixUserIdFree(principal.getName(), form.getMatrixUserId()))
                .ifPresent(key -> errors.rejectValue("matrixUserId", key));
        ChatIdentities.checkMattermostUsername(form.getMattermostUsername())
                .ifPresent(key -> errors.rejectValue("mattermostUsername", key));
        if (errors.hasErrors()) {
            return "account/account";
        }
        identities.set(principal.getName(),
                new ChatIdentities.Identity(form.getMatrixUserId(), form.getMattermostUsername()));
        redirect.addFlashAttribute("successKey", "account.saved");
        redirect.addFlashAttribute("successArg", "");
        return "redirect:/mon-compte";
    }
}
