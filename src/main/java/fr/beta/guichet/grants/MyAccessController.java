package fr.beta.guichet.grants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;

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

    MyAccessController(AccessGrants grants, Viewers viewers, GrantRegistration registration,
            Formats formats) {
        this.grants = grants;
        this.viewers = viewers;
        this.registration = registration;
        this.formats = formats;
    }

    @GetMapping("/mes-acces")
    String mine(Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        model.addAttribute("grants", grants.ofPerson(viewer.email(), viewer.userId(), true));
        model.addAttribute("viewer", viewer);
        return "grants/mine";
    }

    @GetMapping("/mes-acces/{id}")
    String one(@PathVariable String id, Principal principal, Model model) {
        Viewer viewer = viewers.of(principal.getName());
        AccessGrant grant = grants.byId(id).filter(viewer::maySee)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("grant", grant);
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
        model.addAttribute("grants", search(viewer, person, kind, filterState));
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
        for (AccessGrant g : search(viewer, person, kind, state(state))) {
            csv.append(String.join(";", List.of(g.personEmail(), nullToEmpty(g.personUser()), g.kind(), g.resourceGroup(),
                    g.resource(), g.providerId(), g.level(), formats.dateTime(g.grantedAt()), g.origin(),
                    g.state().name(), formats.dateTime(g.stateChangedAt())).stream().map(MyAccessController::cell).toList()))
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

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
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
