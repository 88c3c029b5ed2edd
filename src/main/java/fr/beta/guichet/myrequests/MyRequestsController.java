package fr.beta.guichet.myrequests;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.beta.guichet.lifecycle.RequestReadModel;
import fr.beta.guichet.lifecycle.RequestTasks;
import fr.beta.guichet.lifecycle.RequestView;
import fr.beta.guichet.lifecycle.TaskActionException;

/** The requester's requests. Another requester's reference answers 404, as if it did not exist. */
@Controller
@RequestMapping("/mes-demandes")
class MyRequestsController {

    private final RequestReadModel readModel;
    private final RequestTasks tasks;

    MyRequestsController(RequestReadModel readModel, RequestTasks tasks) {
        this.readModel = readModel;
        this.tasks = tasks;
    }

    @GetMapping
    String list(Principal principal, Model model) {
        model.addAttribute("requests", readModel.requestsOf(principal.getName()));
        return "myrequests/list";
    }

    @GetMapping("/{reference}")
    String detail(@PathVariable String reference, Principal principal, Model model) {
        RequestView request = own(reference, principal);
        model.addAttribute("request", request);
        model.addAttribute("timeline", readModel.timeline(request.processInstanceId()));
        return "myrequests/detail";
    }

    @PostMapping("/{reference}/annuler")
    String cancel(@PathVariable String reference, Principal principal, RedirectAttributes redirect) {
        RequestView request = own(reference, principal);
        try {
            tasks.cancel(request.processInstanceId(), principal.getName());
            redirect.addFlashAttribute("cancelled", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/mes-demandes/" + reference;
    }

    private RequestView own(String reference, Principal principal) {
        return readModel.requestOf(principal.getName(), reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
