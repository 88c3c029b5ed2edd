package fr.beta.guichet.dnsdelegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import fr.beta.guichet.provider.ProviderResponse;
import fr.beta.guichet.provider.ovh.DnsRecord;
import fr.beta.guichet.provider.ovh.DnsRecordType;
import fr.beta.guichet.provider.ovh.DnsZoneClient;
import fr.beta.guichet.request.engine.RequestLifecycleTests;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.request.variables.RequestVariables;
import fr.beta.guichet.support.FaultyTransport;
import fr.beta.guichet.support.GuichetSpringTest;
import fr.beta.guichet.support.JobDriver;

/** Every lifecycle path of {@code request-dns-delegation} with the live OVH client on the sandbox's OVH fake. */
@GuichetSpringTest
@Import(JobDriver.class)
class DnsDelegationProcessTests extends RequestLifecycleTests<DnsDelegationRequest> {

    private static final String ZONE = "beta.gouv.fr";
    private static final String DS = "12345 13 2 " + "49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE".toLowerCase()
            + "0123456789ABCDEF01234567";

    @Autowired DnsDelegationRequestType delegations;
    @Autowired DnsZoneClient dns;
    @Autowired FaultyTransport faults;
    @Autowired FilterService filterService;
    @Autowired MockMvc mvc;

    @Override
    protected RequestType<DnsDelegationRequest> type() {
        return delegations;
    }

    @Override
    protected DnsDelegationRequest newRequest() {
        String label = "d" + UUID.randomUUID().toString().substring(0, 8);
        return new DnsDelegationRequest(label, "ns1." + label + ".example.org\nNS2." + label + ".example.org.", "",
                "Startup d'État", "Héberger notre zone");
    }

    @Override
    protected DnsDelegationRequest refusedRequest() {
        return new DnsDelegationRequest("www", "ns1.example.org\nns2.example.org", null, "Startup", "Test");
    }

    @Override
    protected String refusalReason() {
        return "« www.beta.gouv.fr » est déjà utilisé";
    }

    @Override
    protected void occupyAtProvider(DnsDelegationRequest request) {
        dns.createRecord(ZONE, request.label(), DnsRecordType.A, "192.0.2.7", 300);
    }

    @Override
    protected void createAtProviderAsRequested(DnsDelegationRequest request, String reference) {
        // OVH compares names without case or final dot: the retry must recognise its own records
        for (String host : request.nameServerList()) {
            dns.createRecord(ZONE, request.label(), DnsRecordType.NS, host.toUpperCase(), 300);
        }
    }

    @Override
    protected void breakProvider() {
        faults.answerNext("ovh", FaultyTransport.writes(), r -> new ProviderResponse(503,
                "{\"class\":\"Server::ServiceUnavailable\",\"message\":\"Service unavailable\"}",
                Map.of("Content-Type", "application/json")), Integer.MAX_VALUE);
    }

    @Override
    protected void repairProvider() {
        faults.reset();
    }

    /** How many times the whole asked set is there: 1 once done, 0 while any record is missing, 2 if duplicated. */
    @Override
    protected long resourcesAtProvider(DnsDelegationRequest request) {
        List<DnsRecord> records = dns.findRecords(ZONE, request.label(), null);
        List<DnsRecord> asked = request.nameServerList().stream()
                .map(host -> new DnsRecord(0, ZONE, request.label(), DnsRecordType.NS, host, 0)).toList();
        long fewest = asked.stream().mapToLong(a -> records.stream().filter(a::sameAs).count()).min().orElse(0);
        long most = asked.stream().mapToLong(a -> records.stream().filter(a::sameAs).count()).max().orElse(0);
        return most > 1 ? most : fewest;
    }

    @Test
    void partialNameServerSetIsCompletedWithoutDuplicates() {
        DnsDelegationRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        dns.createRecord(ZONE, request.label(), DnsRecordType.NS, request.nameServerList().get(0) + ".", 3600);

        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dns.findRecords(ZONE, request.label(), null)).hasSize(2)
                .allSatisfy(r -> assertThat(r.fieldType()).isEqualTo(DnsRecordType.NS))
                .extracting(r -> r.target().toLowerCase())
                .containsExactlyInAnyOrder(request.nameServerList().get(0) + ".", request.nameServerList().get(1) + ".");
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_RESULT.name())).asString()
                .contains("1 enregistrement(s) ajouté(s), 1 déjà là");
    }

    @Test
    void conflictingARecordAtTheNameGoesToManualExecution() {
        DnsDelegationRequest request = newRequest();
        var pi = start(request);
        tasks.take(task(pi).getId(), firstHolder());
        dns.createRecord(ZONE, request.label(), DnsRecordType.A, "192.0.2.8", 300);

        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.EXECUTE_MANUALLY);
        assertThat(runtimeService.getVariable(pi.getId(), RequestVariables.EXECUTION_ERROR.name())).asString()
                .contains("porte déjà d'autres enregistrements").contains("A → 192.0.2.8");
        assertThat(dns.findRecords(ZONE, request.label(), DnsRecordType.NS)).as("nothing added").isEmpty();
    }

    @Test
    void dsRecordsGoIntoTheParentZoneAndTheZoneIsRefreshedOnce() {
        String label = "s" + UUID.randomUUID().toString().substring(0, 8);
        var request = new DnsDelegationRequest(label, "ns1.example.org ns2.example.org", DS, "Startup", "DNSSEC");
        var pi = start(request);
        faults.reset();
        tasks.take(task(pi).getId(), firstHolder());
        jobs.runDueJobsAndProviderPolling(pi.getId());

        assertThat(pi).isWaitingAt(LifecycleElements.CONFIRM);
        assertThat(dns.findRecords(ZONE, label, DnsRecordType.DS)).singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo(DS.toUpperCase()));
        assertThat(dns.findRecords(ZONE, label, DnsRecordType.NS)).hasSize(2);
        assertThat(faults.calls("ovh")).filteredOn(c -> c.request().rawPath().endsWith("/refresh")).hasSize(1);
    }

    @Test
    void aRecordBelowTheLabelMakesItTaken() {
        DnsDelegationRequest request = newRequest();
        dns.createRecord(ZONE, "www." + request.label(), DnsRecordType.CNAME, "app.example.org.", 300);

        var pi = startRaw(request);
        jobs.runDueJobs(pi.getId());

        assertThat(historicEnd(pi)).isEqualTo(LifecycleElements.REJECTED);
        assertThat(historicVariable(pi, RequestVariables.REJECTION_REASON.name())).asString()
                .contains("Des enregistrements existent déjà sous « " + request.label() + ".beta.gouv.fr »")
                .contains("www." + request.label() + " CNAME");
    }

    @Test
    void theDescriptionAndTheThreadListTheNameServers() {
        DnsDelegationRequest request = newRequest();
        var pi = start(request);

        assertThat(delegations.describe(request)).isEqualTo("Délégation de " + request.label()
                + ".beta.gouv.fr vers ns1." + request.label() + ".example.org, ns2." + request.label()
                + ".example.org pour Startup d'État");
        assertThat(thread(pi).message()).contains("ns1." + request.label() + ".example.org",
                "ns2." + request.label() + ".example.org");
    }

    /** The type is in the catalogue, the task list's type filter, the Tasklist filter of ops-ovh and the metrics. */
    @Test
    void theTypeShowsInTheCatalogueTheTaskListsAndTheMetrics() throws Exception {
        var pi = start(newRequest());

        String home = page("/", "alice");
        assertThat(home).contains("Une délégation DNS sous beta.gouv.fr", "/demandes/delegation-dns");
        String list = page("/taches?type=request-dns-delegation", "florian", "GROUP_ops-ovh");
        assertThat(list).contains(pi.getBusinessKey()).contains("<option value=\"request-dns-delegation\" selected=\"selected\">Délégation DNS</option>");
        String filter = filterService.createFilterQuery().filterName("Demandes OVH").singleResult().getId();
        List<Task> ovhTasks = filterService.list(filter);
        assertThat(ovhTasks).extracting(Task::getProcessInstanceId).contains(pi.getId());
        assertThat(page("/metriques", "manon", "GROUP_managers")).contains("Délégation DNS");
        assertThat(page("/actuator/prometheus", "manon", "GROUP_managers"))
                .contains("guichet_requests_open{application=\"guichet-ops\",state=\"claim\",type=\"request-dns-delegation\"}");
    }

    private String page(String path, String user, String... authorities) throws Exception {
        var who = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(user)
                .authorities(java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList());
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path).with(who))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
