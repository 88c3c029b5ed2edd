package fr.beta.guichet.access;

import java.security.Principal;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.beta.guichet.account.ChatIdentities;
import fr.beta.guichet.request.identity.AccessHolders;
import fr.beta.guichet.request.tasks.TaskActionException;

/** « Qui a accès ? »: the holders of each resource, and the requests to join a group. */
@Controller
@RequestMapping("/qui-a-acces")
class AccessRegistryController {

    private final AccessHolders holders;
    private final JoinGroupRequests joins;
    private final ChatIdentities identities;
    private final ResourceGroups resourceGroups;

    AccessRegistryController(AccessHolders holders, JoinGroupRequests joins, ChatIdentities identities,
            ResourceGroups resourceGroups) {
        this.resourceGroups = resourceGroups;
        this.holders = holders;
        this.joins = joins;
        this.identities = identities;
    }

    @GetMapping
    String registry(Principal principal, Model model) {
        List<String> mine = holders.groupsOf(principal.getName());
        List<String> pending = joins.pendingGroupsOf(principal.getName());
        model.addAttribute("resources", resourceGroups.ids().stream()
                .map(group -> new Resource(group, holders.of(group), mine.contains(group), pending.contains(group),
                        holders.of(group).stream().map(id -> new Holder(id, identities.of(id))).toList()))
                .toList());
        model.addAttribute("isAdmin", resourceGroups.anyOf(mine));
        return "access/registry";
    }

    @PostMapping("/{group}/rejoindre")
    String ask(@PathVariable String group, Principal principal, RedirectAttributes redirect) {
        try {
            String reference = joins.ask(principal.getName(), group);
            redirect.addFlashAttribute("successKey", "access.asked");
            redirect.addFlashAttribute("successArg", reference);
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/qui-a-acces";
    }

    @PostMapping("/demandes/{taskId}/{decision:approuver|refuser}")
    String decide(@PathVariable String taskId, @PathVariable String decision, Principal principal,
            RedirectAttributes redirect) {
        try {
            joins.decide(taskId, principal.getName(), "approuver".equals(decision));
            redirect.addFlashAttribute("successKey", "approuver".equals(decision) ? "access.approved" : "access.refused");
            redirect.addFlashAttribute("successArg", "");
        } catch (TaskActionException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        }
        return "redirect:/taches";
    }

    record Resource(String group, List<String> holders, boolean mine, boolean pending, List<Holder> chat) {
    }

    /** A holder and the chat identities they set on « Mon compte » (for the ops team to reach them). */
    record Holder(String userId, ChatIdentities.Identity identity) {
    }
}
