package fr.beta.guichet.offboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.grants.AccessGrant;
import fr.beta.guichet.grants.AccessGrants;
import fr.beta.guichet.grants.Viewers;
import fr.beta.guichet.request.tasks.TaskActionException;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The CSV import of departures: valid lines planned only once confirmed, invalid lines with their French reason,
 * duplicates in the file, what is already planned, a rerun that plans nothing twice; the page for admins and
 * managers only.
 */
@GuichetSpringTest
class DepartureImportTests {

    private static final String MANAGER = "manon";
    private static final String OVH_ADMIN = "hussardnum";

    @Autowired DepartureImport imports;
    @Autowired Offboardings offboardings;
    @Autowired Departures departures;
    @Autowired AccessGrants grants;
    @Autowired Viewers viewers;
    @Autowired FakeRevoker provider;
    @Autowired JdbcTemplate jdbc;
    @Autowired Clock clock;
    @Autowired MockMvc mvc;

    private LocalDate end;

    @BeforeEach
    void setUp() {
        end = LocalDate.now(clock).plusDays(45);
    }

    @Test
    void thePreviewSortsTheLinesAndPlansNothingUntilConfirmedThenARerunPlansNothingTwice() {
        String anne = person();
        String bruno = person();
        String carole = person();
        String nobody = person();
        grant(anne);
        grant(bruno);
        grant(carole);
        String french = end.plusDays(1).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        String csv = String.join("\n",
                "email;date_fin",
                anne + "," + end,
                "\"" + bruno.toUpperCase() + "\";" + french,
                "",
                anne + "," + end,
                carole + "," + end + ",en trop",
                nobody + "," + end,
                "pas-une-adresse," + end,
                carole + ",31/02/2027",
                carole + "," + LocalDate.now(clock),
                "sans-date@example.org");

        DepartureImport.Preview preview = imports.preview(viewers.of(MANAGER), csv);
        assertThat(preview.toPlan()).extracting(DepartureImport.Line::email).containsExactly(anne, bruno);
        assertThat(preview.toPlan().get(1).date()).as("dd/mm/yyyy read").isEqualTo(end.plusDays(1));
        assertThat(preview.toPlan()).allMatch(l -> l.accesses() == 1);
        assertThat(preview.nothing()).extracting(DepartureImport.Line::email).containsExactly(nobody);
        assertThat(preview.invalid()).extracting(DepartureImport.Line::number, DepartureImport.Line::reasonKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5, "offboarding.import.reason.duplicate"),
                        org.assertj.core.groups.Tuple.tuple(6, "offboarding.import.reason.columns"),
                        org.assertj.core.groups.Tuple.tuple(8, "offboarding.import.reason.email"),
                        org.assertj.core.groups.Tuple.tuple(9, "offboarding.import.reason.date"),
                        org.assertj.core.groups.Tuple.tuple(10, "offboarding.import.reason.past"),
                        org.assertj.core.groups.Tuple.tuple(11, "offboarding.import.reason.columns"));
        assertThat(preview.invalid().get(0).reasonArg()).as("duplicate of line 2").isEqualTo("2");
        assertThat(departures.openOf(anne)).as("nothing planned by the preview").isEmpty();
        assertThat(departures.openOf(bruno)).isEmpty();

        DepartureImport.Preview done = imports.confirm(viewers.of(MANAGER), csv);
        assertThat(done.toPlan()).extracting(DepartureImport.Line::reference).allMatch(r -> r.startsWith("DEP-"));
        Departure annes = departures.openOf(anne).orElseThrow();
        assertThat(annes.departureAt()).isEqualTo(end.atStartOfDay(clock.getZone()).toInstant());
        assertThat(annes.startedBy()).isEqualTo(MANAGER);
        assertThat(departures.items(annes.reference())).singleElement()
                .satisfies(i -> assertThat(i.revokeAt()).as("the schedule").isEqualTo(annes.departureAt().plus(Duration.ofDays(30))));
        assertThat(departures.openOf(bruno)).isPresent();

        DepartureImport.Preview again = imports.preview(viewers.of(MANAGER), csv);
        assertThat(again.toPlan()).isEmpty();
        assertThat(again.alreadyPlanned()).extracting(DepartureImport.Line::reference)
                .containsExactly(annes.reference(), departures.openOf(bruno).orElseThrow().reference());
        DepartureImport.Preview rerun = imports.confirm(viewers.of(MANAGER), csv);
        assertThat(rerun.toPlan()).isEmpty();
        assertThat(count(anne)).isEqualTo(1);
        assertThat(count(bruno)).isEqualTo(1);
    }

    @Test
    void aDepartureAlreadyDeclaredOrCancelledForThatDayIsNotPlannedAgain() {
        String declared = person();
        String cancelled = person();
        String otherDay = person();
        grant(declared);
        grant(cancelled);
        grant(otherDay);
        String byForm = fromForm(declared, end);
        String withdrawn = fromForm(cancelled, end);
        imports.confirm(viewers.of(MANAGER), otherDay + "," + end.plusDays(10));
        grant(otherDay); // a new access since: still, one departure is open for that person
        offboardings.cancel(viewers.of(MANAGER), withdrawn);

        DepartureImport.Preview preview = imports.preview(viewers.of(MANAGER),
                declared + "," + end + "\n" + cancelled + "," + end + "\n" + otherDay + "," + end);
        assertThat(preview.toPlan()).isEmpty();
        assertThat(preview.alreadyPlanned()).extracting(DepartureImport.Line::reasonKey).containsExactly(
                "offboarding.import.reason.state.OPEN", "offboarding.import.reason.state.CANCELLED",
                "offboarding.import.reason.openOtherDay");
        assertThat(preview.alreadyPlanned().get(0).reference()).isEqualTo(byForm);
    }

    @Test
    void anAdminPlansTheAccessesOfTheirGroupsAndARequesterMayNotImport() {
        String person = person();
        grant(person); // ops-ovh
        DepartureImport.Preview preview = imports.preview(viewers.of("jerome"), person + "," + end);
        assertThat(preview.nothing()).as("the Docker Hub admin: nothing of theirs").hasSize(1);
        assertThat(imports.preview(viewers.of(OVH_ADMIN), person + "," + end).toPlan()).hasSize(1);
        assertThatThrownBy(() -> imports.preview(viewers.of("alice"), person + "," + end))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.import.error.forbidden");
        assertThatThrownBy(() -> imports.preview(viewers.of(MANAGER), "email,end_date\n\n"))
                .isInstanceOf(TaskActionException.class).hasMessage("offboarding.import.error.empty");
    }

    @Test
    void thePagesUploadPreviewAndConfirmForAManagerOnly() throws Exception {
        String person = person();
        grant(person);
        mvc.perform(get("/departs/import").with(user("alice"))).andExpect(status().isForbidden());
        mvc.perform(post("/departs/import").with(user("alice")).with(csrf()).param("texte", person + "," + end))
                .andExpect(status().isForbidden());
        mvc.perform(get("/departs/import").with(user(MANAGER))).andExpect(status().isOk());
        mvc.perform(get("/departs").with(user(MANAGER))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("/departs/import")));

        String csv = "email,end_date\n" + person + "," + end + "\nfaux,2027-01-01\n";
        var file = new MockMultipartFile("fichier", "membres.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        Document preview = Jsoup.parse(mvc.perform(multipart("/departs/import").file(file).with(user(MANAGER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(preview.select("#import-to-plan tbody tr").text()).contains(person, "1");
        assertThat(preview.select("#import-invalid td.reason").text()).isEqualTo("Adresse e-mail invalide.");
        assertThat(preview.text()).doesNotContain("??");
        assertThat(departures.openOf(person)).isEmpty();
        String carried = preview.select("form[action$=confirmer] input[name=texte]").attr("value");
        assertThat(carried).isEqualTo(csv);

        Document done = Jsoup.parse(mvc.perform(post("/departs/import/confirmer").with(user(MANAGER)).with(csrf())
                .param("texte", carried)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        String reference = departures.openOf(person).orElseThrow().reference();
        assertThat(done.select("#import-planned a").text()).isEqualTo(reference);
        assertThat(done.select(".fr-alert--success").text()).contains("1 départ(s) planifié(s)");

        mvc.perform(post("/departs/import").with(user(MANAGER)).with(csrf()).param("texte", "  \n"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theDatesOfTheDirectoryAreRead() {
        assertThat(DepartureImport.date("2027-03-31")).contains(LocalDate.of(2027, 3, 31));
        assertThat(DepartureImport.date("31/03/2027")).contains(LocalDate.of(2027, 3, 31));
        assertThat(DepartureImport.date("1/3/2027")).contains(LocalDate.of(2027, 3, 1));
        assertThat(DepartureImport.date("2027-02-30")).isEmpty();
        assertThat(DepartureImport.date("03/31/2027")).isEmpty();
        assertThat(DepartureImport.parse("\uFEFFEmail,Date\r\na@b.fr,2027-01-01\r\n"))
                .extracting(DepartureImport.Line::email).containsExactly("a@b.fr");
    }

    private String fromForm(String person, LocalDate date) {
        return offboardings.start(viewers.of(MANAGER), person, date, Map.of());
    }

    private AccessGrant grant(String person) {
        String id = "import-" + UUID.randomUUID();
        provider.add(id);
        return grants.register(OVH_ADMIN, person, FakeRevoker.KIND, "ops-ovh", "Accès de test " + id, id, "test");
    }

    private long count(String person) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM guichet_offboarding WHERE person_email = ?", Long.class, person);
    }

    private static String person() {
        return "membre." + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "@example.org";
    }
}
