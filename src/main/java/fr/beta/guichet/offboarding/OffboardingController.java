package fr.beta.guichet.offboarding;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.Viewer;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * « Départs »: declaring a departure (the person for themself, an admin or a manager for someone), following and
 * cancelling it, and the manual revocations of one's groups (« Je prends » then « fait »). A departure the viewer may
 * not see answers 404.
 */
@Controller
@RequestMapping("/departs")
class OffboardingController {

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** Weeks of the managers' table on « Départs ». */
    static final int WEEKS = 12;

    private final Offboardings offboardings;
    private final Viewers viewers;
    private final OffboardingMetrics metrics;
    private final java.time.Clock clock;
    private final OffboardingProperties schedule;

    OffboardingController(Offboardings offboardings, Viewers viewers, OffboardingMetrics metrics, java.time.Clock clock,
            OffboardingProperties schedule) {
        this.offboardings = offboardings;
        this.viewers = viewers;
        this.metrics = metrics;
        this.clock = clock;
        this.schedule = schedule;
    }

    @GetMapping
    String list(Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        model.addAttribute("departures", offboardings.visibleTo(viewer));
        model.addAttribute("manual", offboardings.manualRevocations(viewer));
        model.addAttribute("viewer", viewer);
        if (viewer.isManager()) {
            model.addAttribute("weeks", metrics.weekly(WEEKS, clock.getZone()));
            model.addAttribute("overdue", metrics.current().overdue());
        }
        return "offboarding/list";
    }

    @GetMapping("/nouveau")
    String form(@RequestParam(name = "personne", required = false) String person, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        return form(viewer, personFor(viewer, person), null, Map.of(), model);
    }

    @PostMapping
    String start(@RequestParam Map<String, String> form, Principal principal, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Viewer viewer = viewers.of(principal.getName());
        String person = personFor(viewer, form.get("personne"));
        Map<String, Offboardings.Choice> choices = new HashMap<>();
        try {
            LocalDate date = parseDate(form.get("date"));
            form.forEach((name, value) -> {
                if (name.startsWith("decision_")) {
                    String grantId = name.substring("decision_".length());
                    choices.put(grantId, choice(value, form.get("jours_" + grantId)));
                }
            });
            String reference = offboardings.start(viewer, person, date, choices);
            redirect.addFlashAttribute("successKey", "offboarding.started");
            redirect.addFlashAttribute("successArg", reference);
            return "redirect:/departs/" + reference;
        } catch (TaskActionException e) {
            response.setStatus(e.messageKey().equals("offboarding.error.onlyYourself")
                    || e.messageKey().equals("offboarding.error.forbidden") ? HttpStatus.FORBIDDEN.value()
                    : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.messageKey());
            return form(viewer, person, form.get("date"), form, model);
        }
    }

    @GetMapping("/{reference}")
    String detail(@PathVariable String reference, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        Departure departure = visible(viewer, reference);
        model.addAttribute("departure", departure);
        model.addAttribute("items", offboardings.items(reference));
        model.addAttribute("cancelled", departure.state() == Departure.State.CANCELLED);
        model.addAttribute("cancellable", departure.state() == Departure.State.OPEN
                && departure.startedBy().equals(viewer.userId()));
        return "offboarding/detail";
    }

    @PostMapping("/{reference}/annuler")
    String cancel(@PathVariable String reference, Principal principal, RedirectAttributes redirect) {
        Viewer viewer = viewers.of(principal.getName());
        visible(viewer, reference);
        try {
            offboardings.cancel(viewer, reference);
            redirect.addFlashAttribute("successKey", "offboarding.cancelled");
            redirect.addFlashAttribute("successArg", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/departs/" + reference;
    }

    @PostMapping("/taches/{taskId}/{action:prendre|fait}")
    String manual(@PathVariable String taskId, @PathVariable String action, Principal principal,
            RedirectAttributes redirect) {
        Viewer viewer = viewers.of(principal.getName());
        try {
            if ("prendre".equals(action)) {
                offboardings.take(viewer, taskId);
                redirect.addFlashAttribute("successKey", "offboarding.taken");
            } else {
                offboardings.done(viewer, taskId);
                redirect.addFlashAttribute("successKey", "offboarding.manualDone");
            }
            redirect.addFlashAttribute("successArg", "");
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/departs";
    }

    private String form(Viewer viewer, String person, String date, Map<String, String> previous, Model model) {
        List<AccessGrant> grants = offboardings.offerable(viewer, person);
        model.addAttribute("personne", person);
        model.addAttribute("self", person.equalsIgnoreCase(viewer.email()));
        model.addAttribute("grants", grants);
        Map<String, Long> days = new HashMap<>();
        grants.forEach(g -> days.put(g.kind(), schedule.revokeAfterDays(g.kind())));
        model.addAttribute("schedule", days);
        model.addAttribute("date", date == null ? "" : date);
        model.addAttribute("previous", previous);
        model.addAttribute("decisions", Decision.values());
        return "offboarding/new";
    }

    /** A person without an admin or manager role offboards only themself, whatever the form says. */
    private static String personFor(Viewer viewer, String person) {
        if (person == null || person.isBlank() || (!viewer.isManager() && !viewer.isAdmin())) {
            return viewer.email();
        }
        return AccessGrants.normalize(person);
    }

    private Departure visible(Viewer viewer, String reference) {
        try {
            return offboardings.visible(viewer, reference);
        } catch (TaskActionException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static Offboardings.Choice choice(String decision, String days) {
        Decision value;
        try {
            value = Decision.valueOf(decision);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TaskActionException("offboarding.error.decision");
        }
        Integer keepDays = null;
        if (value == Decision.KEEP_DAYS) {
            try {
                keepDays = Integer.valueOf(days == null ? "" : days.trim());
            } catch (NumberFormatException e) {
                throw new TaskActionException("offboarding.error.keepDays");
            }
        }
        return new Offboardings.Choice(value, keepDays);
    }

    private static LocalDate parseDate(String value) {
        if (value == null || value.isBlank()) {
            throw new TaskActionException("offboarding.error.date");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException iso) {
            try {
                return LocalDate.parse(value.trim(), FRENCH_DATE);
            } catch (DateTimeParseException french) {
                throw new TaskActionException("offboarding.error.date");
            }
        }
    }
}
