package fr.beta.guichet.myrequests;

import java.security.Principal;

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

import org.springframework.http.HttpHeaders;

import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestStatus;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.read.RequestView;
import fr.beta.guichet.request.tasks.DialogueText;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.secrets.OneTimeSecrets;

/** The requester's requests. Another requester's reference answers 404, as if it did not exist. */
@Controller
@RequestMapping("/mes-demandes")
class MyRequestsController {

    private final RequestReadModel readModel;
    private final RequestTasks tasks;

    private final OneTimeSecrets secrets;
    private final RequestDialogue dialogue;
    private final RequestTypes types;
    private final org.camunda.bpm.engine.TaskService taskService;

    MyRequestsController(RequestReadModel readModel, RequestTasks tasks, OneTimeSecrets secrets,
            RequestDialogue dialogue, RequestTypes types, org.camunda.bpm.engine.TaskService taskService) {
        this.dialogue = dialogue;
        this.types = types;
        this.taskService = taskService;
        this.readModel = readModel;
        this.tasks = tasks;
        this.secrets = secrets;
    }

    @GetMapping
    String list(Principal principal, Model model) {
        model.addAttribute("requests", readModel.requestsOf(principal.getName()));
        return "myrequests/list";
    }

    @GetMapping("/{reference}")
    String detail(@PathVariable String reference, Principal principal, Model model) {
        return detail(own(reference, principal), model);
    }

    private String detail(RequestView request, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("timeline", readModel.timeline(request.processInstanceId()));
        model.addAttribute("secretAvailable", secretReady(request));
        model.addAttribute("dialogue", dialogue.of(request.processInstanceId()));
        model.addAttribute("correctPath", types.byKey(request.processKey())
                .map(type -> type.formPath() + "/reponse/" + request.reference()).orElse(null));
        return "myrequests/detail";
    }

    /**
     * The answer to the open question, without changing the request (the start form's page takes a correction).
     * A blank or too long answer comes back on the page with a French message.
     */
    @PostMapping("/{reference}/repondre")
    String answer(@PathVariable String reference, @RequestParam(name = "answer", defaultValue = "") String answer,
            Principal principal, Model model, RedirectAttributes redirect) {
        RequestView request = own(reference, principal);
        var text = DialogueText.clean(answer);
        if (text.isEmpty()) {
            model.addAttribute("answer", answer);
            model.addAttribute("answerError", true);
            return detail(request, model);
        }
        try {
            dialogue.answer(request.processInstanceId(), principal.getName(), text.get());
            redirect.addFlashAttribute("answered", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/mes-demandes/" + reference;
    }

    /** Camunda Tasklist opens {@code answer-question} with {@code ?taskId=…}: the request's page. */
    @GetMapping("/reponse")
    String fromTasklist(@RequestParam("taskId") String taskId, Principal principal) {
        var task = taskService.createTaskQuery().taskId(taskId).taskAssignee(principal.getName()).singleResult();
        if (task == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return readModel.request(task.getProcessInstanceId())
                .map(request -> "redirect:/mes-demandes/" + request.reference())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /**
     * Shows a one-time secret (a mailbox password) to the requester, once: it is deleted as it is read. The page
     * must not be cached.
     */
    @PostMapping("/{reference}/mot-de-passe")
    String revealSecret(@PathVariable String reference, Principal principal, Model model,
            HttpServletResponse response) {
        RequestView request = own(reference, principal);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("request", request);
        model.addAttribute("secret", secretReady(request) ? secrets.reveal(reference).orElse(null) : null);
        return "myrequests/secret";
    }

    /**
     * The password's address opened again (history, a bookmark, a reload): the password is never shown by a GET. The
     * page says it was shown once and what to do now, or offers the button when it has not been shown yet.
     */
    @GetMapping("/{reference}/mot-de-passe")
    String secretAgain(@PathVariable String reference, Principal principal, Model model,
            HttpServletResponse response) {
        RequestView request = own(reference, principal);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("request", request);
        model.addAttribute("secret", null);
        model.addAttribute("reopened", true);
        model.addAttribute("secretAvailable", secretReady(request));
        return "myrequests/secret";
    }

    /** The secret is handed over once the resource exists, never while the provider is still at work. */
    private boolean secretReady(RequestView request) {
        return (request.status() == RequestStatus.CONFIRMING || request.status() == RequestStatus.DONE)
                && secrets.isAvailable(request.reference());
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
