package fr.beta.guichet.home;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.beta.guichet.metrics.UsualDelays;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestTypes;

/**
 * Home: one card per request type, with who holds access to it and its « délai habituel » (the median time to done
 * of the last 90 days in working days, or the type's fixed estimate while too few requests were done).
 */
@Controller
class HomeController {

    private final RequestTypes types;
    private final AccessHolders holders;
    private final UsualDelays delays;
    private final MessageSource messages;

    HomeController(RequestTypes types, AccessHolders holders, UsualDelays delays, MessageSource messages) {
        this.types = types;
        this.holders = holders;
        this.delays = delays;
        this.messages = messages;
    }

    @GetMapping("/")
    String home(Model model) {
        List<CatalogueEntry> entries = types.all().stream()
                .sorted(Comparator.comparing(t -> t.processKey()))
                .map(t -> new CatalogueEntry(t.processKey(), t.formPath(), t.resourceGroup(),
                        String.join(", ", holders.of(t.resourceGroup())), delayText(t.processKey()),
                        delays.of(t.processKey()).measured()))
                .toList();
        model.addAttribute("entries", entries);
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    private String delayText(String processKey) {
        var delay = delays.of(processKey);
        if (delay.roundedDays().isEmpty()) {
            String estimate = messages.getMessage("home." + processKey + ".delay", null, "", Locale.FRENCH);
            return messages.getMessage("home.delay.fallback", new Object[] { estimate }, Locale.FRENCH);
        }
        long days = delay.roundedDays().get();
        String text = days == 0 ? messages.getMessage("home.delay.lessThanOneDay", null, Locale.FRENCH)
                : messages.getMessage("home.delay.days", new Object[] { days }, Locale.FRENCH);
        return messages.getMessage("home.delay.measured", new Object[] { text, delay.requests() }, Locale.FRENCH);
    }

    record CatalogueEntry(String processKey, String formPath, String group, String holders, String delay,
            boolean delayMeasured) {
    }
}
