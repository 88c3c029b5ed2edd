package fr.beta.guichet.tasks;

import java.security.Principal;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.beta.guichet.access.ResourceGroups;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.read.RequestReadModel;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.tasks.DialogueText;
import fr.beta.guichet.request.tasks.RequestDialogue;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.tasks.TaskActionException;

/**
 * Task list and task forms. Every action redirects back with a French flash message; a race lost to another
 * admin or a timer is a message, not an error page.
 */
@Controller
@RequestMapping("/taches")
class TaskController {

    static final int MAX_REASON = 2000;

    private final TaskInbox inbox;
    private final RequestTasks tasks;
    private final RequestReadModel readModel;
    private final RequestTypes types;
    private final AccessHolders holders;
    private final RequestDialogue dialogue;
    private final ResourceGroups resourceGroups;

    TaskController(TaskInbox inbox, RequestTasks tasks, RequestReadModel readModel, RequestTypes types,
            AccessHolders holders, RequestDialogue dialogue, ResourceGroups resourceGroups) {
        this.resourceGroups = resourceGroups;
        this.dialogue = dialogue;
        this.inbox = inbox;
        this.tasks = tasks;
        this.readModel = readModel;
        this.types = types;
        this.holders = holders;
    }

    /**
     * One page of the task list. {@code page} is taken as text: a missing, non-numeric or out-of-range page shows the
     * nearest existing page rather than an error.
     */
    @GetMapping
    String list(@RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "group", required = false) String group,
            @RequestParam(name = "page", required = false) String page, Principal principal, Model model) {
        String selectedType = blankToNull(type);
        String selectedGroup = blankToNull(group);
        List<String> myGroups = holders.groupsOf(principal.getName());
        TaskPage taskPage = inbox.page(principal.getName(), myGroups, selectedType, selectedGroup,
                requestedPage(page));
        model.addAttribute("taskPage", taskPage);
        model.addAttribute("tasks", taskPage.tasks());
        model.addAttribute("links", new TaskListLinks(selectedType, selectedGroup));
        model.addAttribute("types", types.processKeys());
        model.addAttribute("groups", myGroups.stream().filter(resourceGroups::contains).sorted().toList());
        model.addAttribute("selectedType", selectedType);
        model.addAttribute("selectedGroup", selectedGroup);
        return "tasks/list";
    }

    /** 1 when missing or not a number; a number too large for an int is simply "beyond the last page". */
    static int requestedPage(String raw) {
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        String digits = raw.strip();
        if (!digits.matches("[+-]?[0-9]+")) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(digits));
        } catch (NumberFormatException tooLarge) {
            return digits.startsWith("-") ? 1 : Integer.MAX_VALUE;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Camunda Tasklist opens a task's form key with {@code ?taskId=…}: the same form as the app's task list. */
    @GetMapping("/formulaire")
    String fromTasklist(@RequestParam("taskId") String taskId) {
        return "redirect:/taches/" + java.net.URLEncoder.encode(taskId, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/{taskId}")
    String form(@PathVariable String taskId, Principal principal, Model model, RedirectAttributes redirect) {
        return showForm(taskId, principal, model, redirect);
    }

    private String showForm(String taskId, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var task = tasks.visibleTask(taskId, principal.getName());
            var request = readModel.request(task.getProcessInstanceId()).orElseThrow();
            model.addAttribute("task", inbox.view(task, request, principal.getName()));
            model.addAttribute("timeline", readModel.timeline(task.getProcessInstanceId()));
            model.addAttribute("dialogue", dialogue.of(task.getProcessInstanceId()));
            model.addAttribute("brief", readModel.executorBrief(task.getProcessInstanceId()).orElse(null));
            return "tasks/form";
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
            return "redirect:/taches";
        }
    }

    @PostMapping("/{taskId}/prendre")
    String take(@PathVariable String taskId, Principal principal, RedirectAttributes redirect) {
        return act(redirect, "tasks.done.take", taskId, () -> tasks.take(taskId, principal.getName()));
    }

    /**
     * « Je passe »: says what happened, the request back to its group (it was assigned to this admin by name) or left
     * to the group (it already was), in a message of its own that names the group.
     */
    @PostMapping("/{taskId}/passer")
    String decline(@PathVariable String taskId, Principal principal, RedirectAttributes redirect) {
        String reference = referenceOf(taskId);
        try {
            String group = groupOf(taskId, principal.getName());
            boolean wasAssigned = tasks.decline(taskId, principal.getName());
            redirect.addFlashAttribute("declined", reference);
            redirect.addFlashAttribute("declinedGroup", group);
            redirect.addFlashAttribute("declinedWasAssigned", wasAssigned);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/taches";
    }

    /** The group a request type's task is for; {@code ""} when unknown. */
    private String groupOf(String taskId, String userId) {
        var task = tasks.visibleTask(taskId, userId);
        return readModel.request(task.getProcessInstanceId())
                .flatMap(request -> types.byKey(request.processKey()))
                .map(type -> type.resourceGroup()).orElse("");
    }

    @PostMapping("/{taskId}/rejeter")
    String reject(@PathVariable String taskId, @RequestParam(name = "reason", defaultValue = "") String reason,
            Principal principal, RedirectAttributes redirect) {
        String trimmed = reason.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_REASON) {
            redirect.addFlashAttribute("errorKey", "task.error.reasonRequired");
            return "redirect:/taches/" + taskId;
        }
        return act(redirect, "tasks.done.reject", taskId, () -> tasks.reject(taskId, principal.getName(), trimmed));
    }

    /** « Demander une précision » at {@code claim} or {@code execute-manually}: the question is required. */
    @PostMapping("/{taskId}/demander")
    String ask(@PathVariable String taskId, @RequestParam(name = "question", defaultValue = "") String question,
            Principal principal, RedirectAttributes redirect) {
        var text = DialogueText.clean(question);
        if (text.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "task.error.questionRequired");
            return "redirect:/taches/" + taskId;
        }
        return act(redirect, "tasks.done.ask", taskId, () -> tasks.ask(taskId, principal.getName(), text.get()));
    }

    /**
     * « C'est fait à la main », with an optional note to the requester. A note too long (or holding control
     * characters) brings the task page back with a French message and the note as typed; the task stays open.
     */
    @PostMapping("/{taskId}/fait-a-la-main")
    String manualDone(@PathVariable String taskId, @RequestParam(name = "note", defaultValue = "") String note,
            Principal principal, Model model, RedirectAttributes redirect) {
        var text = DialogueText.cleanOptional(note);
        if (text.isEmpty()) {
            model.addAttribute("note", note);
            model.addAttribute("noteError", true);
            return showForm(taskId, principal, model, redirect);
        }
        return act(redirect, "tasks.done.manual", taskId,
                () -> tasks.completeManually(taskId, principal.getName(), text.get()));
    }

    @PostMapping("/{taskId}/confirmer")
    String confirm(@PathVariable String taskId, Principal principal, RedirectAttributes redirect) {
        return act(redirect, "tasks.done.confirm", taskId, () -> tasks.confirm(taskId, principal.getName()));
    }

    private String act(RedirectAttributes redirect, String successKey, String taskId, Runnable action) {
        String reference = referenceOf(taskId);
        try {
            action.run();
            redirect.addFlashAttribute("successKey", successKey);
            redirect.addFlashAttribute("successArg", reference);
            return "redirect:/taches";
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
            return "redirect:/taches";
        }
    }

    private String referenceOf(String taskId) {
        return tasks.referenceOf(taskId);
    }
}
