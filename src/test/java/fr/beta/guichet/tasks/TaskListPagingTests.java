package fr.beta.guichet.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.Variables;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.beta.guichet.access.JoinGroupProcess;
import fr.beta.guichet.dockerhub.DockerHubProcess;
import fr.beta.guichet.dockerhub.DockerHubRequest;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.subdomain.SubdomainProcess;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.GuichetSpringTest;

/**
 * The task list is paged in the database: 50 tasks a page, oldest first, filters and paging combined, out-of-range
 * pages clamped, a fixed number of SQL statements per page.
 * <p>
 * The tasks live in groups made for this class (their candidate group is moved there after they are created), and
 * the admin is a user made for this class: the other tests' tasks of the shared database never show here, and these
 * never show to the demo admins.
 */
@GuichetSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskListPagingTests {

    private static final Instant BASE = Instant.parse("2021-03-01T08:00:00Z");
    private static final String MYBATIS_LOGGERS = "org.camunda.bpm.engine.impl.persistence.entity";

    @Autowired MockMvc mvc;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired HistoryService historyService;
    @Autowired MessageSource messages;
    @Autowired fr.beta.guichet.request.read.RequestTypes types;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String me = "pager-" + run;
    private final String colleague = "colleague-" + run;
    private final String groupA = "paging-a-" + run;
    private final String groupB = "paging-b-" + run;
    /** A group the admin is not in. */
    private final String groupC = "paging-c-" + run;
    private final List<Fixture> fixtures = new ArrayList<>();

    /** One open task, with when it was created and where it is. */
    record Fixture(String reference, String processKey, String group, String assignee, Instant created,
            String processInstanceId) {
    }

    @BeforeAll
    void createTasks() {
        for (String group : List.of(groupA, groupB, groupC)) {
            var g = identityService.newGroup(group);
            g.setName(group);
            identityService.saveGroup(g);
        }
        for (String userId : List.of(me, colleague)) {
            identityService.saveUser(identityService.newUser(userId));
        }
        identityService.createMembership(me, groupA);
        identityService.createMembership(me, groupB);
        identityService.createMembership(colleague, groupA);
        identityService.createMembership(colleague, groupC);
        try {
            for (int i = 0; i < 120; i++) {
                claimTask(SubdomainProcess.KEY, groupA, i == 3 ? colleague : null, BASE.plus(minutes(i)));
            }
            for (int k = 0; k < 7; k++) {
                claimTask(DockerHubProcess.KEY, groupA, null, BASE.plus(minutes(k * 17 + 5)).plusSeconds(30));
            }
            for (int k = 0; k < 5; k++) {
                claimTask(SubdomainProcess.KEY, groupB, null, BASE.plus(minutes(k * 25 + 10)).plusSeconds(15));
            }
            for (int k = 0; k < 4; k++) {
                claimTask(SubdomainProcess.KEY, groupC, null, BASE.plus(minutes(k * 2)).plusSeconds(45));
            }
            claimTask(SubdomainProcess.KEY, groupC, me, BASE.plus(minutes(1)).plusSeconds(50));
            claimTask(SubdomainProcess.KEY, groupC, colleague, BASE.plus(minutes(2)).plusSeconds(50));
            joinGroupTask(groupA, BASE.plus(minutes(200)));
        } finally {
            ClockUtil.reset();
        }
        fixtures.sort(Comparator.comparing(Fixture::created));
    }

    @AfterAll
    void deleteTasks() {
        List<String> instances = fixtures.stream().map(Fixture::processInstanceId).toList();
        if (!instances.isEmpty()) {
            runtimeService.deleteProcessInstances(instances, "test cleanup", true, true);
            historyService.deleteHistoricProcessInstances(instances);
        }
        for (String userId : List.of(me, colleague)) {
            identityService.deleteUser(userId);
        }
        for (String group : List.of(groupA, groupB, groupC)) {
            identityService.deleteGroup(group);
        }
    }

    @Test
    void firstPageShowsTheFiftyOldestTasksOfMyGroupsAndMineInOrderWithTheTotalInTheCaption() throws Exception {
        List<String> visible = references(f -> f.group().equals(groupA) || f.group().equals(groupB)
                || me.equals(f.assignee()));
        assertThat(visible).hasSize(134);

        Document page = page("/taches");

        assertThat(shownReferences(page)).isEqualTo(visible.subList(0, 50));
        assertThat(page.selectFirst("table caption").text()).isEqualTo("134 tâche(s) de vos groupes");
        assertThat(messages.getMessage("tasks.caption", new Object[] {1234L}, Locale.FRENCH))
                .as("thousands grouped the French way").matches("1[\\h]234 tâche\\(s\\) de vos groupes");
        assertThat(page.text()).contains("Page 1 sur 3");
        assertThat(currentPage(page)).isEqualTo("1");
        assertThat(shownReferences(page)).as("claimed by a colleague, still in the group's list")
                .contains(fixture(f -> colleague.equals(f.assignee()) && f.group().equals(groupA)).reference());
        assertThat(shownReferences(page)).as("assigned to me outside my groups")
                .contains(fixture(f -> me.equals(f.assignee())).reference());
        assertThat(page.select("nav.fr-pagination a.fr-pagination__link--first").attr("aria-disabled")).isEqualTo("true");
        assertThat(page.select("nav.fr-pagination a.fr-pagination__link--next").attr("href"))
                .isEqualTo("/taches?page=2");
        assertThat(page.select("nav.fr-pagination a.fr-pagination__link--last").attr("href"))
                .isEqualTo("/taches?page=3");
    }

    @Test
    void laterPagesFollowInOrderAndTheLastOneHoldsTheRest() throws Exception {
        List<String> visible = references(f -> f.group().equals(groupA) || f.group().equals(groupB)
                || me.equals(f.assignee()));

        Document second = page("/taches?page=2");
        assertThat(shownReferences(second)).isEqualTo(visible.subList(50, 100));
        assertThat(currentPage(second)).isEqualTo("2");
        assertThat(second.select("nav.fr-pagination a.fr-pagination__link--prev").attr("href"))
                .isEqualTo("/taches?page=1");

        Document third = page("/taches?page=3");
        assertThat(shownReferences(third)).isEqualTo(visible.subList(100, 134));
        assertThat(currentPage(third)).isEqualTo("3");
        assertThat(third.select("nav.fr-pagination a.fr-pagination__link--last").attr("aria-disabled")).isEqualTo("true");
        assertThat(third.select("nav.fr-pagination a.fr-pagination__link--last").hasAttr("href")).isFalse();
    }

    @Test
    void tasksOfOtherGroupsNeverShowOnAnyPage() throws Exception {
        List<String> shown = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            shown.addAll(shownReferences(page("/taches?page=" + p)));
        }
        List<String> others = references(f -> f.group().equals(groupC) && !me.equals(f.assignee()));
        assertThat(others).hasSize(5);
        assertThat(shown).hasSize(134).doesNotHaveDuplicates().doesNotContainAnyElementsOf(others);
        assertThat(shownReferences(page("/taches?group=" + groupC))).isEmpty();
        assertThat(page("/taches?group=" + groupC).text()).contains("Aucune tâche");
    }

    @Test
    void outOfRangeOrNonNumericPagesAreClampedNeverAnError() throws Exception {
        List<String> visible = references(f -> f.group().equals(groupA) || f.group().equals(groupB)
                || me.equals(f.assignee()));
        for (String last : List.of("99", "4", "99999999999999999999")) {
            Document page = page("/taches?page=" + last);
            assertThat(currentPage(page)).as(last).isEqualTo("3");
            assertThat(shownReferences(page)).as(last).isEqualTo(visible.subList(100, 134));
        }
        for (String first : List.of("abc", "0", "-1", "", "1.5", "%00", "2abc")) {
            Document page = page("/taches?page=" + first);
            assertThat(currentPage(page)).as(first).isEqualTo("1");
            assertThat(shownReferences(page)).as(first).isEqualTo(visible.subList(0, 50));
        }
    }

    @Test
    void typeAndGroupFiltersCombineWithPagingAndTheLinksKeepThem() throws Exception {
        List<String> subdomainsOfA = references(f -> f.group().equals(groupA)
                && f.processKey().equals(SubdomainProcess.KEY));
        assertThat(subdomainsOfA).hasSize(120);
        String filters = "/taches?type=" + SubdomainProcess.KEY + "&group=" + groupA;

        Document second = page(filters + "&page=2");
        assertThat(shownReferences(second)).isEqualTo(subdomainsOfA.subList(50, 100));
        assertThat(second.selectFirst("table caption").text()).isEqualTo("120 tâche(s) de vos groupes");
        List<String> links = second.select("nav.fr-pagination a[href]").eachAttr("href");
        assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(filters + "&page="));
        assertThat(links).contains(filters + "&page=1", filters + "&page=3");

        Document third = page(filters + "&page=3");
        assertThat(shownReferences(third)).hasSize(20).isEqualTo(subdomainsOfA.subList(100, 120));

        Document beyond = page(filters + "&page=99");
        assertThat(shownReferences(beyond)).isEqualTo(subdomainsOfA.subList(100, 120));

        Document dockerHub = page("/taches?type=" + DockerHubProcess.KEY);
        assertThat(shownReferences(dockerHub)).isEqualTo(references(f -> f.processKey().equals(DockerHubProcess.KEY)))
                .hasSize(7);
        assertThat(dockerHub.select("nav.fr-pagination")).as("one page: no pagination").isEmpty();

        assertThat(shownReferences(page("/taches?group=" + groupB)))
                .isEqualTo(references(f -> f.group().equals(groupB))).hasSize(5);
        assertThat(shownReferences(page("/taches?group=" + groupA + "&page=3")))
                .isEqualTo(references(f -> f.group().equals(groupA)).subList(100, 128));
    }

    @Test
    void joinGroupTasksStayInTheListAndUnknownTypesShowNothing() throws Exception {
        String join = fixture(f -> f.processKey().equals(JoinGroupProcess.KEY)).reference();
        assertThat(shownReferences(page("/taches?type=" + JoinGroupProcess.KEY))).containsExactly(join);
        assertThat(shownReferences(page("/taches?page=3"))).contains(join);
        Document unknown = page("/taches?type=no-such-process");
        assertThat(shownReferences(unknown)).isEmpty();
        assertThat(unknown.text()).contains("Aucune tâche");
    }

    /**
     * Queries, count and page of tasks and the shown requests' instances, variables, open tasks and incidents: the
     * same statements for 50, 20 or 7 rows. Camunda still loads each shown request's JSON {@code request} variable
     * from its byte array one by one, so those loads are bounded by the page size, never by the open tasks.
     */
    @Test
    void aPageCostsTheSameFewStatementsWhateverItsSize() throws Exception {
        Statements fifty = statements("/taches");
        Statements twenty = statements("/taches?type=" + SubdomainProcess.KEY + "&group=" + groupA + "&page=3");
        Statements seven = statements("/taches?type=" + DockerHubProcess.KEY);

        assertThat(fifty.queries()).as("statements for 50 tasks").isEqualTo(twenty.queries())
                .isEqualTo(seven.queries()).isBetween(1L, 8L);
        // no query per row: the description is a string variable, the JSON record is never loaded for a list
        assertThat(List.of(fifty.byteArrays(), twenty.byteArrays(), seven.byteArrays()))
                .as("JSON variables loaded").containsExactly(0L, 0L, 0L);
    }

    /** SQL statements of one request, apart from the loads of variables' byte arrays, and those loads. */
    record Statements(long queries, long byteArrays) {
    }

    private Statements statements(String path) throws Exception {
        Logger mybatis = (Logger) LoggerFactory.getLogger(MYBATIS_LOGGERS);
        Level level = mybatis.getLevel();
        ListAppender<ILoggingEvent> sql = new ListAppender<>();
        sql.start();
        mybatis.addAppender(sql);
        mybatis.setLevel(Level.DEBUG);
        try {
            page(path);
        } finally {
            mybatis.setLevel(level);
            mybatis.detachAppender(sql);
        }
        String thread = Thread.currentThread().getName();
        List<String> statements = sql.list.stream().filter(e -> thread.equals(e.getThreadName()))
                .filter(e -> e.getFormattedMessage().contains("Preparing:")).map(ILoggingEvent::getLoggerName).toList();
        long byteArrays = statements.stream().filter(name -> name.endsWith(".selectByteArray")).count();
        return new Statements(statements.size() - byteArrays, byteArrays);
    }

    private Document page(String path) throws Exception {
        MockHttpServletRequestBuilder request = get(path).with(user(me).authorities(
                new SimpleGrantedAuthority("GROUP_ops-ovh")));
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return Jsoup.parse(html);
    }

    private static List<String> shownReferences(Document page) {
        return page.select("tr[data-reference]").eachAttr("data-reference");
    }

    private static String currentPage(Document page) {
        Element current = page.selectFirst("nav.fr-pagination a[aria-current=page]");
        return current == null ? "" : current.text();
    }

    private List<String> references(Predicate<Fixture> which) {
        return fixtures.stream().filter(which).map(Fixture::reference).toList();
    }

    private Fixture fixture(Predicate<Fixture> which) {
        return fixtures.stream().filter(which).findFirst().orElseThrow();
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> String describe(String processKey, Record request) {
        var type = (fr.beta.guichet.request.spi.RequestType<R>) types.byKey(processKey).orElseThrow();
        return type.describe((R) request);
    }

    /** A request waiting at {@code claim} since {@code created}, offered to {@code group} only. */
    private void claimTask(String processKey, String group, String assignee, Instant created) {
        String reference = "PG" + run + "-" + String.format("%03d", fixtures.size());
        Record request = processKey.equals(SubdomainProcess.KEY)
                ? new SubdomainRequest("pg" + run + fixtures.size(), SubdomainRecordType.A, "192.0.2.10", 3600,
                        "Pagination", "Tester les pages")
                : new DockerHubRequest("pg" + run + fixtures.size(), "developers", "Pagination", "Tester les pages");
        var variables = RequestVariables.REQUEST.putIn(Variables.createVariables(), request);
        RequestVariables.REQUESTER.putIn(variables, "alice");
        // as RequestStarter writes it: lists read this string, never the JSON record
        RequestVariables.DESCRIPTION.putIn(variables, describe(processKey, request));
        ClockUtil.setCurrentTime(Date.from(created));
        String pi = runtimeService.createProcessInstanceByKey(processKey).businessKey(reference)
                .setVariables(variables).startBeforeActivity(LifecycleElements.CLAIM).execute().getId();
        String taskId = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        for (var link : taskService.getIdentityLinksForTask(taskId)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                taskService.deleteCandidateGroup(taskId, link.getGroupId());
            }
        }
        taskService.addCandidateGroup(taskId, group);
        if (assignee != null) {
            taskService.setAssignee(taskId, assignee);
        }
        fixtures.add(new Fixture(reference, processKey, group, assignee, created, pi));
    }

    /** Someone asking to join {@code group}: the approval task is offered to that group by the model itself. */
    private void joinGroupTask(String group, Instant created) {
        String reference = "PG" + run + "-" + String.format("%03d", fixtures.size());
        var variables = Variables.createVariables();
        JoinGroupProcess.GROUP.putIn(variables, group);
        JoinGroupProcess.APPLICANT.putIn(variables, "newcomer");
        JoinGroupProcess.DESCRIPTION.putIn(variables, "Rejoindre " + group);
        ClockUtil.setCurrentTime(Date.from(created));
        String pi = runtimeService.startProcessInstanceByKey(JoinGroupProcess.KEY, reference, variables).getId();
        fixtures.add(new Fixture(reference, JoinGroupProcess.KEY, group, null, created, pi));
    }
}
