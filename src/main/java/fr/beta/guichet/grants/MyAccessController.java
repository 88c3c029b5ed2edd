package fr.beta.guichet.grants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.calendar.Formats;

/**
 * « Mes accès » (everyone: their active accesses and where they came from), the registry of the admins (their
 * groups' grants) and managers (all, filtered, CSV), and the registration of an access that predates Guichet Ops.
 * A grant that is not the viewer's to see answers 404, as if it did not exist.
 */
@Controller
class MyAccessController {

    private final AccessGrants grants;
    private final Viewers viewers;
    private final GrantRegistration registration;
    private final Formats formats;
    private final MessageSource messages;

    MyAccessController(AccessGrants grants, Viewers viewers, GrantRegistration registration,
            Formats formats, MessageSource messages) {
        this.messages = messages;
        this.grants = grants;
        this.viewers = viewers;
        this.registration = registration;
        this.formats = formats;
    }

    @GetMapping("/mes-acces")
    String mine(Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        List<AccessGrant> mine = grants.ofAddresses(viewer.addresses(), viewer.userId(), true);
        model.addAttribute("grants", mine);
        model.addAttribute("forOthers", grants.requestedBy(viewer.userId()).stream().filter(g -> !viewer.owns(g)).toList());
        model.addAttribute("viewer", viewer);
        return "grants/mine";
    }

    @GetMapping("/mes-acces/{id}")
    String one(@PathVariable String id, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        AccessGrant grant = grants.byId(id).filter(viewer::maySee)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("grant", grant);
        model.addAttribute("holder", grants.holder(grant).orElse(null));
        return "grants/detail";
    }

    @GetMapping("/acces")
    String registry(@RequestParam(name = "personne", required = false) String person,
            @RequestParam(name = "type", required = false) String kind,
            @RequestParam(name = "etat", required = false) String state, Principal principal, Model model,
            HttpServletResponse response) {
        Viewer viewer = registryViewer(principal);
        GrantState filterState = state(state);
        if (state != null && !state.isBlank() && filterState == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", "registry.error.state");
        }
        List<AccessGrant> found = search(viewer, person, kind, filterState);
        model.addAttribute("grants", found);
        model.addAttribute("holders", holders(found));
        model.addAttribute("personne", person);
        model.addAttribute("type", kind);
        model.addAttribute("etat", filterState == null ? "" : filterState.name());
        model.addAttribute("kinds", Arrays.stream(RegistrableKind.values()).map(RegistrableKind::kind).toList());
        model.addAttribute("states", GrantState.values());
        model.addAttribute("viewer", viewer);
        model.addAttribute("registrable", registrable(viewer));
        return "grants/registry";
    }

    @GetMapping("/acces/export.csv")
    void export(@RequestParam(name = "personne", required = false) String person,
            @RequestParam(name = "type", required = false) String kind,
            @RequestParam(name = "etat", required = false) String state, Principal principal,
            HttpServletResponse response) throws IOException {
        Viewer viewer = registryViewer(principal);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"acces.csv\"");
        var csv = new StringBuilder("\uFEFFpersonne;utilisateur;type;groupe;ressource;identifiant;niveau;accordé le;origine;état;changé le\r\n");
        List<AccessGrant> found = search(viewer, person, kind, state(state));
        Map<String, String> holders = holders(found);
        for (AccessGrant g : found) {
            csv.append(String.join(";", List.of(g.personEmail(), holders.getOrDefault(g.id(), ""), label("grant.kind." + g.kind(), g.kind()),
                    g.resourceGroup(), g.resource(), g.providerId(), label(g.levelKey(), g.level()),
                    formats.dateTime(g.grantedAt()), g.origin(), label(g.stateKey(), g.state().name()),
                    formats.dateTime(g.stateChangedAt())).stream().map(MyAccessController::cell).toList()))
                    .append("\r\n");
        }
        response.getOutputStream().write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/acces/enregistrer")
    String registerForm(Principal principal, Model model) {
        Viewer viewer = registryViewer(principal);
        List<String> kinds = registrable(viewer);
        if (kinds.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("kinds", kinds);
        return "grants/register";
    }

    @PostMapping("/acces/enregistrer")
    String register(@RequestParam(name = "type", required = false) String kind,
            @RequestParam(name = "personne", required = false) String person,
            @RequestParam(name = "identifiant", required = false) String identifier,
            @RequestParam(name = "cible", required = false) String target,
            @RequestParam(name = "niveau", required = false) String level, Principal principal, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Viewer viewer = registryViewer(principal);
        try {
            AccessGrant grant = registration.register(viewer, kind, person, identifier, target, level);
            redirect.addFlashAttribute("registered", grant.resource());
            return "redirect:/acces";
        } catch (TaskActionException e) {
            response.setStatus(e.messageKey().equals("registry.error.notYourGroup") ? HttpStatus.FORBIDDEN.value()
                    : e.messageKey().equals("registry.error.unavailable") ? HttpStatus.SERVICE_UNAVAILABLE.value()
                    : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.messageKey());
            model.addAttribute("kinds", registrable(viewer));
            model.addAttribute("type", kind);
            model.addAttribute("personne", person);
            model.addAttribute("identifiant", identifier);
            model.addAttribute("cible", target);
            model.addAttribute("niveau", level);
            return "grants/register";
        }
    }

    /** The app user holding each grant, by id (linked, or found by any address they have). */
    private Map<String, String> holders(List<AccessGrant> found) {
        Map<String, String> holders = new HashMap<>();
        for (AccessGrant g : found) {
            grants.holder(g).ifPresent(user -> holders.put(g.id(), user));
        }
        return holders;
    }

    /** A French label, or the value itself when it has none (levels already in French: « boîte », « membre »). */
    private String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, Locale.FRENCH);
    }

    private List<String> registrable(Viewer viewer) {
        return Arrays.stream(RegistrableKind.values()).filter(k -> viewer.adminGroups().contains(k.group()))
                .map(RegistrableKind::kind).toList();
    }

    private List<AccessGrant> search(Viewer viewer, String person, String kind, GrantState state) {
        return grants.search(viewer.isManager() ? null : viewer.adminGroups(), person, kind, state);
    }

    /** The registry is for admins (their groups) and managers (all). */
    private Viewer registryViewer(Principal principal) {
        Viewer viewer = viewers.of(principal.getName());
        if (!viewer.isManager() && !viewer.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private static GrantState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(GrantState.values()).filter(s -> s.name().equals(value)).findFirst().orElse(null);
    }

    /** A CSV cell: quoted when needed; a leading =, +, - or @ is neutralized (spreadsheet formulas). */
    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(";") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
