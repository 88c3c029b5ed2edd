package fr.beta.guichet.sandbox;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.beta.guichet.provider.ProviderTransports;
import fr.beta.guichet.provider.SandboxView;

/** Lists the state of each sandbox provider; a provider in live mode is simply absent from the page. */
@Controller
class SandboxController {

    private final ProviderTransports transports;

    SandboxController(ProviderTransports transports) {
        this.transports = transports;
    }

    @GetMapping("/bac-a-sable")
    String sandbox(Model model) {
        // every fake of a provider in sandbox mode that shows its state (a live provider is simply absent)
        model.addAttribute("sandboxTables", transports.sandboxFakes().stream()
                .filter(SandboxView.class::isInstance).map(SandboxView.class::cast)
                .flatMap(view -> view.sandboxTables().stream()).toList());
        return "sandbox";
    }
}
