package fr.beta.guichet.sandbox;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.provider.dimail.DimailClient;
import fr.beta.guichet.support.DimailMailTest;

/** « Bac à sable » with Dimail as the mail provider shows what its fake holds: addresses, type, IMAP state, aliases. */
@DimailMailTest
class DimailSandboxPageTests {

    @Autowired MockMvc mvc;
    @Autowired DimailClient dimail;

    @Test
    void theSandboxPageShowsDimailsAddressesAndAliases() throws Exception {
        dimail.createAlias("beta.gouv.fr", "page.sandbox", "perso@example.org", false);
        mvc.perform(get("/bac-a-sable").with(user("alice")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"dimail-addresses\"")))
                .andExpect(content().string(Matchers.containsString("Dimail simulé")))
                .andExpect(content().string(Matchers.containsString("contact@beta.gouv.fr")))
                .andExpect(content().string(Matchers.containsString("page.sandbox@beta.gouv.fr")))
                .andExpect(content().string(Matchers.containsString("perso@example.org")));
    }
}
