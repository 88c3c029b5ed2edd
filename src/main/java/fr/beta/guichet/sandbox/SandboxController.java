package fr.beta.guichet.sandbox;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import fr.beta.guichet.provider.mattermost.SandboxMattermost;
import fr.beta.guichet.provider.ovh.SandboxDnsZone;
import fr.beta.guichet.subdomain.SubdomainProperties;

/** Lists the state of each sandbox provider; a provider in live mode is simply absent from the page. */
@Controller
class SandboxController {

    private final ObjectProvider<SandboxDnsZone> dns;
    private final ObjectProvider<SandboxMattermost> chat;
    private final SubdomainProperties subdomains;

    SandboxController(ObjectProvider<SandboxDnsZone> dns, ObjectProvider<SandboxMattermost> chat,
            SubdomainProperties subdomains) {
        this.dns = dns;
        this.chat = chat;
        this.subdomains = subdomains;
    }

    @GetMapping("/bac-a-sable")
    String sandbox(Model model) {
        SandboxDnsZone zone = dns.getIfAvailable();
        if (zone != null) {
            model.addAttribute("zone", subdomains.zone());
            model.addAttribute("records", zone.records(subdomains.zone()));
            model.addAttribute("dnsOperations", newestFirst(zone.operations()));
        }
        SandboxMattermost mattermost = chat.getIfAvailable();
        model.addAttribute("threads", mattermost == null ? List.of() : newestFirst(mattermost.threads()));
        model.addAttribute("chatSandbox", mattermost != null);
        return "sandbox";
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        var copy = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
