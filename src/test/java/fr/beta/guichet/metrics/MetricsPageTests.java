package fr.beta.guichet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.request.engine.EscalationProperties;
import fr.beta.guichet.support.GuichetSpringTest;

/** The « Métriques » page and its CSV for managers; refused to requesters; bad periods explained in French. */
@GuichetSpringTest
class MetricsPageTests {

    @Autowired MockMvc mvc;
    @Autowired MetricsQueries queries;
    @Autowired UsualDelays usualDelays;
    @Autowired java.time.Clock clock;
    @Autowired EscalationProperties escalation;
    @Autowired fr.beta.guichet.request.read.RequestTypes types;

    private static UserRequestPostProcessor manager() {
        return user("manon").authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                "GROUP_managers"));
    }

    @Test
    void managerSeesTablesChartsAndDownloadLinksWithoutInlineScript() throws Exception {
        String html = mvc.perform(get("/metriques").param("from", "2001-01-01").param("to", "2001-02-28")
                        .param("granularity", "month").with(manager()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("<h1>Métriques</h1>")
                .contains("<caption>Par type de demande, sur toute la période</caption>")
                .contains("<caption>Par type de demande et par mois</caption>")
                .contains("Prises en charge (« Je prends ») par personne")
                .contains("<label class=\"fr-label\" for=\"from\">").contains("<label class=\"fr-label\" for=\"to\">")
                .contains("<label class=\"fr-label\" for=\"granularity\">")
                .contains("/vendor/chartjs/chart.umd.min.js").contains("/js/metrics.js")
                .contains("data-chart=\"{&quot;types&quot;:")
                .contains("/metriques/export.csv?from=2001-01-01&amp;to=2001-02-28&amp;granularity=month")
                .contains("Sous-domaine");
        // the design system's two bundles, Chart.js and the page's script: all external files
        assertThat(html.split("<script").length - 1).isEqualTo(4);
        assertThat(html.split("<script[^>]* src=\"").length - 1).isEqualTo(4);
        assertThat(html).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>");
    }

    @Test
    void pageIsInTheDesignSystemWithKeyFiguresFirst() throws Exception {
        String html = mvc.perform(get("/metriques").param("from", "2001-01-01").param("to", "2001-03-31")
                        .with(manager()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);
        Element main = page.selectFirst("main");
        // the key figures come before the filters, as DSFR tiles, each with its French title and today's value
        assertThat(main.select("#key-figures, form").get(0).id()).isEqualTo("key-figures");
        KeyFigures expected = queries.keyFigures(clock.instant(), escalation.reminderAfter());
        assertThat(tile(page, "open")).isEqualTo("Demandes en cours|" + expected.open());
        assertThat(tile(page, "overdue")).isEqualTo("En retard|" + expected.overdue());
        assertThat(tile(page, "waiting")).isEqualTo("En attente d'un demandeur|" + expected.waitingRequester());
        assertThat(tile(page, "incidents")).isEqualTo("Incidents ouverts|" + expected.incidents());
        assertThat(tile(page, "claim")).isEqualTo("Délai médian de prise en charge, 4 dernières semaines|"
                + expected.claimMedianLast4WeeksText() + " h");
        assertThat(page.select("[data-key-figure] .fr-tile__title")).hasSize(5);
        // form fields and button
        for (String id : new String[] { "from", "to" }) {
            assertThat(page.selectFirst("#" + id).hasClass("fr-input")).isTrue();
            assertThat(page.selectFirst("label[for=" + id + "]").hasClass("fr-label")).isTrue();
        }
        assertThat(page.selectFirst("#granularity").hasClass("fr-select")).isTrue();
        assertThat(page.selectFirst("form button[type=submit]").hasClass("fr-btn")).isTrue();
        assertThat(page.selectFirst("form fieldset legend").text()).isEqualTo("Période");
        // every table in a scrollable DSFR table, with a caption and column headers
        var tables = main.select("table");
        // issue 21 (item 16): one table per theme (totals), per figure and per detail, none wider than it needs
        assertThat(tables).hasSize(9).allSatisfy(t -> {
            assertThat(t.parents().select(".fr-table").first()).isNotNull();
            assertThat(t.parent().hasClass("fr-table__content")).isTrue();
            assertThat(t.selectFirst("caption").text()).isNotBlank();
            assertThat(t.select("thead th[scope=col]")).isNotEmpty();
        });
        assertThat(main.select("table caption").eachText()).containsExactly(
                "Par type de demande, sur toute la période", "Suivi, par type de demande, sur toute la période",
                "Délais en heures, hors attente du demandeur, par type de demande, sur toute la période",
                "Demandes créées, par type de demande (les chiffres du graphique)",
                "Délai médian de prise en charge (heures), par type de demande (les chiffres du graphique)",
                "Délai médian de traitement (heures), par type de demande (les chiffres du graphique)",
                "Par type de demande et par semaine (semaine commençant le lundi)",
                "Délais (heures) et suivi, par type de demande et par semaine",
                "Prises en charge (« Je prends ») par personne");
        // each chart is followed by its figures as a table, one column per type asked for in the period (the six
        // coded types here; the declared ones, never asked, are left out), one row per week
        assertThat(main.select("#metrics-charts canvas[role=img][aria-label]")).hasSize(3)
                .allSatisfy(c -> assertThat(c.attr("aria-label")).contains("tableau"));
        // the types something happened to in the period: a non-zero figure in the totals table
        long active = main.select("#metrics-totals tbody tr").stream()
                .filter(tr -> tr.select("td").stream().anyMatch(td -> !td.text().equals("0"))).count();
        for (String chart : new String[] { "created", "claim", "done" }) {
            Element table = main.selectFirst("#chart-" + chart + "-table table");
            assertThat(table.select("thead th")).hasSize(1 + (int) active);
            assertThat(table.select("tbody tr")).hasSizeGreaterThanOrEqualTo(12);
        }
        assertThat(main.select("th").eachText()).contains("Ont attendu le demandeur", "Attente du demandeur, médiane");
        // no table has more than 11 columns (the widest: period, type, five delays, four follow-up counts)
        assertThat(tables).allSatisfy(t -> assertThat(t.select("thead th").size()).isLessThanOrEqualTo(11));
        assertThat(html).doesNotContain("class=\"table\"").doesNotContain("class=\"filters\"");
    }

    private static String tile(Document page, String key) {
        Element tile = page.selectFirst("[data-key-figure=" + key + "]");
        return tile.selectFirst(".fr-tile__title").text() + "|" + tile.selectFirst(".fr-tile__desc").text();
    }

    @Test
    void catalogueCardsShowTheUsualDelay() throws Exception {
        String html = mvc.perform(get("/").with(user("alice"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);
        for (var card : page.select(".fr-card[data-type]")) {
            var delay = usualDelays.of(card.attr("data-type"));
            var tag = card.selectFirst("[data-delay]");
            assertThat(tag.attr("data-delay")).isEqualTo(delay.measured() ? "measured" : "estimate");
            assertThat(tag.text()).startsWith("Délai habituel : ")
                    .contains(delay.measured() ? "médiane des " + delay.requests() + " demandes" : "trop peu de demandes");
        }
        assertThat(page.select(".fr-card[data-type]")).as("one card a type, the declared ones too").hasSize(types.all().size());
    }

    @Test
    void defaultPeriodIsTheLastTwelveWeeks() throws Exception {
        mvc.perform(get("/metriques").with(manager())).andExpect(status().isOk())
                .andExpect(content().string(containsString("Par type de demande et par semaine")));
    }

    @Test
    void csvHasOneLinePerTypeAndBucket() throws Exception {
        var response = mvc.perform(get("/metriques/export.csv").param("from", "2001-01-01").param("to", "2001-02-28")
                        .param("granularity", "month").with(manager()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"metriques-2001-01-01-2001-02-28.csv\""))
                .andReturn().getResponse();
        String[] lines = response.getContentAsString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFtype;debut_periode;creees;traitees;rejetees;annulees;ouvertes;")
                .endsWith(";incidents_ouverts;attente_demandeur;attente_demandeur_mediane_h");
        assertThat(lines).as("every type, the declared ones too").hasSize(1 + 2 * types.all().size());
        // issue 21 (item 15): the request types by their French names, never the process keys
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Sous-domaine;2001-02-01;"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Délégation DNS;2001-02-01;"));
        assertThat(String.join("\n", lines)).doesNotContain("request-");
        mvc.perform(get("/metriques/prises-en-charge.csv").with(manager())).andExpect(status().isOk())
                .andExpect(content().string(containsString("type;personne;prises_en_charge")));
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "from|31/01/2026|Les dates doivent être au format AAAA-MM-JJ",
            "to|2026-02-30|Les dates doivent être au format AAAA-MM-JJ",
            "granularity|year|Choisissez un regroupement par semaine ou par mois.",
            "from|2030-01-01|La date de début doit précéder la date de fin.",
            "from|1990-01-01|La période ne peut pas dépasser trois ans.",
    })
    void badPeriodIsExplainedInFrenchNever500(String name, String value, String message) throws Exception {
        var request = get("/metriques").param(name, value).with(manager());
        if (!name.equals("to")) {
            request.param("to", "2026-01-31");
        }
        mvc.perform(request).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(message.replace("'", "&#39;"))))
                .andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(get("/metriques/export.csv").param(name, value).param("to", name.equals("to") ? value : "2026-01-31")
                        .with(manager()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString(message)));
    }

    @ParameterizedTest
    @CsvSource({ "/metriques", "/metriques/export.csv", "/metriques/prises-en-charge.csv" })
    void requestersAreRefused(String path) throws Exception {
        mvc.perform(get(path).with(user("alice"))).andExpect(status().isForbidden());
    }
}
