package fr.beta.guichet.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.tasks.RequestTasks;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/**
 * The catalogue page (categories, the server-side search of {@code /?q=}) and a declared type's form: invalid input
 * comes back with the French messages and the typed values, valid input starts the request; the task page of a taken
 * request shows the instructions and fields.
 */
@GuichetSpringTest
@Import(JobDriver.class)
class ManualPagesTests {

    @Autowired MockMvc mvc;
    @Autowired RequestTypes types;
    @Autowired RuntimeService runtimeService;
    @Autowired RequestTasks tasks;
    @Autowired JobDriver jobs;
    @Autowired org.camunda.bpm.engine.TaskService taskService;

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void theCatalogueGroupsEveryTypeByCategoryWithWhoHandlesItAndTheUsualDelay() throws Exception {
        Document home = page(get("/").with(user("alice")));
        assertThat(home.select(".fr-card[data-type]")).hasSize(types.all().size());
        assertThat(home.select(".guichet-category h2").eachText()).containsExactly("DNS et domaines", "E-mail",
                "Hébergement", "Outils", "Recrutement", "Autre");
        Element brevo = home.selectFirst(".fr-card[data-type=request-manual-brevo]");
        assertThat(brevo.selectFirst(".fr-card__title a").attr("href")).isEqualTo("/demandes/brevo");
        assertThat(brevo.selectFirst(".fr-card__title").text()).isEqualTo("Un accès Brevo");
        assertThat(brevo.text()).contains("ops-outils").contains("jerome").contains("Délai habituel")
                .contains("1 jour ouvré");
        assertThat(brevo.closest(".guichet-category").attr("data-category")).isEqualTo("Outils");
        assertThat(home.selectFirst(".fr-card[data-type=request-subdomain]").closest(".guichet-category")
                .attr("data-category")).isEqualTo("DNS et domaines");
        assertThat(home.selectFirst("form#catalogue-search").attr("method")).isEqualTo("get");
    }

    @Test
    void theSearchWorksWithoutJavaScriptAsAGetQuery() throws Exception {
        Document dns = page(get("/").param("q", "  DNS ").with(user("alice")));
        assertThat(dns.select(".fr-card[data-type]").eachAttr("data-type")).containsExactlyInAnyOrder(
                "request-subdomain", "request-dns-delegation", "request-manual-zone-dns",
                "request-manual-certificat-certigna");
        assertThat(dns.selectFirst("#q").val()).isEqualTo("DNS");

        Document accents = page(get("/").param("q", "hebergement scalingo").with(user("alice")));
        assertThat(accents.select(".fr-card[data-type]").eachAttr("data-type")).containsExactly("request-manual-scalingo");

        Document none = page(get("/").param("q", "<script>rien</script>").with(user("alice")));
        assertThat(none.select(".fr-card[data-type]")).isEmpty();
        assertThat(none.selectFirst("#catalogue-none").hasAttr("hidden")).isFalse();
        assertThat(none.selectFirst("#catalogue-none").text()).contains("« <script>rien</script> »");
        assertThat(none.select("script:containsData(rien)")).isEmpty();
    }

    @Test
    void aDeclaredFormRefusesInvalidInputWithFrenchMessagesThenStartsTheRequest() throws Exception {
        Document form = page(get("/demandes/brevo").with(user("alice")));
        assertThat(form.select("h1").text()).contains("Un accès Brevo");
        assertThat(form.selectFirst("input[name=fields[email]]").attr("type")).isEqualTo("email");
        assertThat(form.select("select[name=fields[role]] option").eachText()).containsExactly("— Choisir —",
                "Lecture", "Édition", "Administration");
        assertThat(form.selectFirst("label[for=field-email]").text()).contains("Adresse e-mail de la personne");

        String startup = "Produit " + UUID.randomUUID().toString().substring(0, 6);
        Document invalid = page(post("/demandes/brevo").with(user("alice")).with(csrf())
                .param("fields[email]", "pas-une-adresse").param("fields[account]", "")
                .param("fields[role]", "owner").param("startup", startup).param("reason", "Nos lettres"));
        assertThat(invalid.select(".fr-error-text").eachText()).contains(
                "« Adresse e-mail de la personne » doit être une adresse e-mail (nom@domaine.fr).",
                "« Sous-compte de la startup » est obligatoire.",
                "Choisissez une des options proposées pour « Rôle ».");
        assertThat(invalid.selectFirst("input[name=fields[email]]").val()).isEqualTo("pas-une-adresse");
        assertThat(invalid.selectFirst("#field-email").attr("aria-invalid")).isEqualTo("true");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("request-manual-brevo")
                .variableValueEquals("description", "x").count()).isZero();
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("request-manual-brevo").count();

        mvc.perform(post("/demandes/brevo").with(user("alice")).with(csrf())
                        .param("fields[email]", "Nina@Example.org").param("fields[account]", "mon-produit")
                        .param("fields[role]", "viewer").param("startup", startup).param("reason", "Nos lettres"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/mes-demandes"));
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("request-manual-brevo").count())
                .isEqualTo(before + 1);
    }

    @Test
    void aForgedFieldIsRefused() throws Exception {
        Document invalid = page(post("/demandes/autre").with(user("alice")).with(csrf())
                .param("fields[request]", "Un accès au tableau de bord").param("fields[admin]", "oui")
                .param("startup", "Produit").param("reason", "Suivre"));
        assertThat(invalid.text()).contains("Le formulaire contient un champ inconnu : « admin ».");
    }

    @Test
    void theTaskPageShowsTheInstructionsAndFieldsToTheExecutor() throws Exception {
        String startup = "Produit " + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/demandes/autre").with(user("alice")).with(csrf())
                        .param("fields[request]", "Ouvrir un accès au tableau de bord\nsur deux lignes")
                        .param("startup", startup).param("reason", "Suivre les déploiements"))
                .andExpect(status().is3xxRedirection());
        var pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("request-manual-autre")
                .variableValueLike("description", "%" + startup + "%").singleResult();
        jobs.runDueJobs(pi.getId());
        var task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        tasks.take(task.getId(), "julien");
        jobs.runDueJobsAndProviderPolling(pi.getId());
        task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(LifecycleElements.EXECUTE_MANUALLY);

        Document taskPage = page(get("/taches/" + task.getId()).with(user("julien")
                .authorities(org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("GROUP_ops"))));
        Element brief = taskPage.selectFirst("#manual-brief");
        assertThat(brief.text()).contains("Comment faire").contains("relève de l'équipe ops")
                .contains("Votre demande").contains("Ouvrir un accès au tableau de bord").contains(startup);
        assertThat(taskPage.text()).as("no provider's refusal shown for a type done by hand").doesNotContain("Refus du fournisseur");
        assertThat(taskPage.select("form[action$=/fait-a-la-main]")).hasSize(1);
    }
}
