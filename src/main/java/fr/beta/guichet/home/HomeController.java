package fr.beta.guichet.home;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.beta.guichet.lifecycle.AccessHolders;
import fr.beta.guichet.lifecycle.RequestTypes;

/** Home: one card per request type, with who holds access to it. */
@Controller
class HomeController {

    private final RequestTypes types;
    private final AccessHolders holders;

    HomeController(RequestTypes types, AccessHolders holders) {
        this.types = types;
        this.holders = holders;
    }

    @GetMapping("/")
    String home(Model model) {
        List<CatalogueEntry> entries = types.all().stream()
                .sorted(Comparator.comparing(t -> t.processKey()))
                .map(t -> new CatalogueEntry(t.processKey(), t.formPath(), t.resourceGroup(),
                        String.join(", ", holders.of(t.resourceGroup()))))
                .toList();
        model.addAttribute("entries", entries);
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    record CatalogueEntry(String processKey, String formPath, String group, String holders) {
    }
}
