package fr.beta.guichet.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxView;
import fr.beta.guichet.provider.mattermost.SandboxMattermost;

/** Lists the state of each sandbox provider; a provider in live mode is simply absent from the page. */
@Controller
class SandboxController {

    private final ObjectProvider<SandboxMattermost> chat;
    private final ProviderTransports transports;

    SandboxController(ObjectProvider<SandboxMattermost> chat, ProviderTransports transports) {
        this.transports = transports;
        this.chat = chat;
    }

    @GetMapping("/bac-a-sable")
    String sandbox(Model model) {
        // every fake of a provider in sandbox mode that shows its state (a live provider is simply absent)
        model.addAttribute("sandboxTables", transports.sandboxFakes().stream()
                .filter(SandboxView.class::isInstance).map(SandboxView.class::cast)
                .flatMap(view -> view.sandboxTables().stream()).toList());
        chat.ifAvailable(c -> model.addAttribute("threads", newestFirst(c.threads())));
        return "sandbox";
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        var copy = new ArrayList<>(oldestFirst);
        Collections.reverse(copy);
        return copy;
    }
}
