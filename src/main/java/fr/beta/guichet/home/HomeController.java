package fr.beta.guichet.home;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.beta.guichet.metrics.UsualDelays;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;

/**
 * Home, the catalogue: one card per request type (coded or declared in {@code manual-requests.yaml}), grouped by
 * category, with who holds access to it and its « délai habituel » (the median time to done of the last 90 days in
 * working days, or the type's fixed estimate while too few requests were done). A search box filters the cards as one
 * types ({@code js/catalogue.js}) and, without JavaScript, as a GET query ({@code /?q=…}): every word must appear in
 * the card's title, text, category or group, accents and case aside.
 */
@Controller
class HomeController {

    /** The heading of the « Autre » category, always last. */
    private static final String LAST_CATEGORY = "Autre";
    private static final int MAX_QUERY = 100;

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
    String home(@RequestParam(name = "q", required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        List<String> words = Arrays.stream(normalize(query).split("\\s+")).filter(w -> !w.isEmpty()).toList();
        List<CatalogueEntry> entries = types.all().stream()
                .map(this::entry)
                .filter(e -> words.stream().allMatch(e.searchText()::contains))
                .sorted(Comparator.comparing(CatalogueEntry::title, String.CASE_INSENSITIVE_ORDER))
                .toList();
        Map<String, List<CatalogueEntry>> byCategory = new LinkedHashMap<>();
        entries.stream().map(CatalogueEntry::category).distinct()
                .sorted(Comparator.comparing((String c) -> c.startsWith(LAST_CATEGORY)).thenComparing(c -> c))
                .forEach(c -> byCategory.put(c, entries.stream().filter(e -> e.category().equals(c)).toList()));
        model.addAttribute("entries", entries);
        model.addAttribute("categories", byCategory);
        model.addAttribute("q", query);
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    private CatalogueEntry entry(RequestType<?> t) {
        String key = t.processKey();
        String title = text("home." + key + ".title", t.name());
        String description = text("home." + key + ".text", "");
        String category = text("home." + key + ".category", text("home.category.other", LAST_CATEGORY));
        return new CatalogueEntry(key, t.formPath(), t.resourceGroup(), String.join(", ", holders.of(t.resourceGroup())),
                delayText(key), delays.of(key).measured(), title, description, category,
                normalize(String.join(" ", title, description, category, t.resourceGroup(), t.name())));
    }

    private String text(String code, String fallback) {
        return messages.getMessage(code, null, fallback, Locale.FRENCH);
    }

    /** Lower case, without accents: « Équipe » and « equipe » match. */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
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
            boolean delayMeasured, String title, String text, String category, String searchText) {
    }
}
