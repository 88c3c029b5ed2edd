package fr.beta.guichet.offboarding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletResponse;

import fr.beta.guichet.grants.Viewer;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * « Importer des fins de mission »: an admin or a manager uploads or pastes the directory's CSV, sees what it would
 * plan, then confirms ({@link DepartureImport}). Anyone else: 403.
 */
@Controller
@RequestMapping("/departs/import")
class DepartureImportController {

    /** A directory export is a few kilobytes; this is a wrong file. */
    static final long MAX_BYTES = 512 * 1024;

    private final DepartureImport imports;
    private final Viewers viewers;

    DepartureImportController(DepartureImport imports, Viewers viewers) {
        this.imports = imports;
        this.viewers = viewers;
    }

    @GetMapping
    String form(Principal principal, Model model) {
        allowed(principal);
        model.addAttribute("texte", "");
        return "offboarding/import";
    }

    @PostMapping
    String preview(@RequestParam(name = "texte", required = false) String text,
            @RequestParam(name = "fichier", required = false) MultipartFile file, Principal principal, Model model,
            HttpServletResponse response) {
        Viewer viewer = allowed(principal);
        String csv = text == null ? "" : text;
        try {
            if (file != null && !file.isEmpty()) {
                if (file.getSize() > MAX_BYTES) {
                    throw new TaskActionException("offboarding.import.error.tooLong");
                }
                csv = new String(file.getBytes(), StandardCharsets.UTF_8);
            }
            model.addAttribute("preview", imports.preview(viewer, csv));
        } catch (TaskActionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.messageKey());
        } catch (IOException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", "offboarding.import.error.unreadable");
        }
        model.addAttribute("texte", csv);
        return "offboarding/import";
    }

    @PostMapping("/confirmer")
    String confirm(@RequestParam(name = "texte", required = false) String text, Principal principal, Model model,
            HttpServletResponse response) {
        Viewer viewer = allowed(principal);
        try {
            DepartureImport.Preview done = imports.confirm(viewer, text);
            model.addAttribute("done", done);
            model.addAttribute("successKey", "offboarding.import.done");
            model.addAttribute("successArg", done.toPlan().size());
        } catch (TaskActionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.messageKey());
        }
        model.addAttribute("texte", "");
        return "offboarding/import";
    }

    private Viewer allowed(Principal principal) {
        Viewer viewer = viewers.of(principal.getName());
        if (!DepartureImport.allowed(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }
}
