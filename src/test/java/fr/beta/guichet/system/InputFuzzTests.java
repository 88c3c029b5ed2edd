package fr.beta.guichet.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import fr.beta.guichet.support.GuichetSpringTest;

/**
 * Random and hostile input on every form and every endpoint that takes input: random unicode, huge strings, control
 * characters, HTML/script, SQL fragments, wrong types. Never a 500, never a payload echoed unescaped, and a request
 * starts only when the input is valid. Seeded: a failure replays. The figures are in docs/reliability.md.
 */
@GuichetSpringTest
class InputFuzzTests {

    private static final long SEED = 20261126L;
    private static final int VALUES_PER_FIELD = 12;
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final List<String> HOSTILE = List.of(SCRIPT, "\"><img src=x onerror=alert(1)>", "' OR 1=1 --",
            "'); DROP TABLE act_ru_task; --", "${7*7}", "#{7*7}", "__${T(java.lang.Runtime).getRuntime()}__::x",
            "../../etc/passwd", "\u0000\u0007\u001b[31m", "\u202Egnp.exe", "😀🚀" , "null", "-1", "1e309",
            "9".repeat(40), " ", "");

    /** path → valid fields; every field is fuzzed in turn, the others stay valid. */
    private static final Map<String, Map<String, String>> FORMS = forms();

    @Autowired MockMvc mvc;
    @Autowired HistoryService historyService;

    @Test
    void noInputBreaksAFormOrStartsARequestItShouldNot() throws Exception {
        Random random = new Random(SEED);
        int tried = 0;
        List<String> problems = new ArrayList<>();
        for (var form : FORMS.entrySet()) {
            for (String field : form.getValue().keySet()) {
                for (String value : values(random)) {
                    tried++;
                    var fields = new HashMap<>(unique(form.getValue()));
                    fields.put(field, value);
                    long before = historyService.createHistoricProcessInstanceQuery().count();
                    var request = post(form.getKey()).with(user("alice")).with(csrf());
                    fields.forEach(request::param);
                    MvcResult result = mvc.perform(request).andReturn();
                    int status = result.getResponse().getStatus();
                    String body = result.getResponse().getContentAsString();
                    long started = historyService.createHistoricProcessInstanceQuery().count() - before;
                    if (status >= 500) {
                        problems.add(form.getKey() + " " + field + "=" + abbreviate(value) + " → " + status);
                    } else if (status == 200 && started != 0) {
                        problems.add(form.getKey() + " " + field + " re-shown with errors but started " + started);
                    } else if (status == 302 && started != 1) {
                        problems.add(form.getKey() + " " + field + " accepted but started " + started);
                    } else if (body.contains(SCRIPT) || body.contains("onerror=alert(1)>")) {
                        problems.add(form.getKey() + " " + field + " echoed markup unescaped");
                    }
                }
            }
        }
        assertThat(problems).as("after %d inputs", tried).isEmpty();
        assertThat(tried).isGreaterThan(200);
        String myRequests = mvc.perform(get("/mes-demandes").with(user("alice"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(myRequests).doesNotContain(SCRIPT).doesNotContain("onerror=alert(1)>");
    }

    @Test
    void hostilePathsAndParametersGetAClearAnswerNeverA500() throws Exception {
        var admin = user("florian").authorities(new SimpleGrantedAuthority("GROUP_ops-ovh"));
        var manager = user("manon").authorities(new SimpleGrantedAuthority("GROUP_managers"));
        List<String> problems = new ArrayList<>();
        for (String value : HOSTILE) {
            String encoded = java.net.URLEncoder.encode(value.isEmpty() ? "x" : value, java.nio.charset.StandardCharsets.UTF_8);
            check(problems, mvc.perform(get("/mes-demandes/" + encoded).with(user("alice"))).andReturn(), "mes-demandes");
            check(problems, mvc.perform(post("/mes-demandes/" + encoded + "/annuler").with(user("alice")).with(csrf())).andReturn(), "annuler");
            check(problems, mvc.perform(post("/mes-demandes/" + encoded + "/mot-de-passe").with(user("alice")).with(csrf())).andReturn(), "secret");
            check(problems, mvc.perform(get("/taches/" + encoded).with(admin)).andReturn(), "task form");
            check(problems, mvc.perform(post("/taches/" + encoded + "/prendre").with(admin).with(csrf())).andReturn(), "take");
            check(problems, mvc.perform(post("/taches/" + encoded + "/rejeter").param("reason", value).with(admin).with(csrf())).andReturn(), "reject");
            check(problems, mvc.perform(get("/taches").param("type", value).param("group", value).with(admin)).andReturn(), "task filters");
            check(problems, mvc.perform(get("/taches").param("type", value).param("group", value).param("page", value).with(admin)).andReturn(), "task filters and page");
            check(problems, mvc.perform(get("/taches").param("page", value).with(admin)).andReturn(), "task page");
            check(problems, mvc.perform(get("/metriques").param("from", value).param("to", value).param("granularity", value).with(manager)).andReturn(), "metrics");
            check(problems, mvc.perform(post("/qui-a-acces/" + encoded + "/rejoindre").with(admin).with(csrf())).andReturn(), "join");
        }
        assertThat(problems).isEmpty();
    }

    private static void check(List<String> problems, MvcResult result, String what) throws Exception {
        int status = result.getResponse().getStatus();
        if (status >= 500 || result.getResponse().getContentAsString().contains(SCRIPT)) {
            problems.add(what + " " + result.getRequest().getRequestURI() + " → " + status);
        }
    }

    private static List<String> values(Random random) {
        List<String> values = new ArrayList<>(HOSTILE.subList(0, 6));
        values.add("x".repeat(100_000));
        while (values.size() < VALUES_PER_FIELD) {
            values.add(randomUnicode(random, 1 + random.nextInt(300)));
        }
        return values;
    }

    private static String randomUnicode(Random random, int length) {
        var text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x2FFFF);
            if (Character.isValidCodePoint(codePoint) && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private static Map<String, String> unique(Map<String, String> valid) {
        String id = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var fields = new HashMap<String, String>();
        valid.forEach((k, v) -> fields.put(k, v.replace("@id", id)));
        return fields;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    }

    private static Map<String, Map<String, String>> forms() {
        var forms = new LinkedHashMap<String, Map<String, String>>();
        forms.put("/demandes/sous-domaine", Map.of("label", "@id", "recordType", "CNAME", "target", "app.example.org.",
                "ttl", "3600", "startup", "Fuzz", "reason", "Fuzz"));
        forms.put("/demandes/adresse-mail", Map.of("kind", "MAILBOX", "localPart", "@id", "redirectTo", "",
                "startup", "Fuzz", "reason", "Fuzz"));
        forms.put("/demandes/matomo", Map.of("email", "@id@example.org", "siteUrl", "https://@id.beta.gouv.fr",
                "siteName", "Fuzz", "access", "VIEW", "startup", "Fuzz", "reason", "Fuzz"));
        forms.put("/demandes/docker-hub", Map.of("dockerId", "@id", "team", "developers", "startup", "Fuzz",
                "reason", "Fuzz"));
        forms.put("/demandes/sentry", Map.of("email", "@id@example.org", "team", "@id", "role", "MEMBER",
                "startup", "Fuzz", "reason", "Fuzz"));
        return forms;
    }
}
