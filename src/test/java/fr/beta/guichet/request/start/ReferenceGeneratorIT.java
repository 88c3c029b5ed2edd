package fr.beta.guichet.request.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import com.zaxxer.hikari.HikariDataSource;

import fr.beta.guichet.support.EmbeddedPostgresDatabase;

/**
 * References on real PostgreSQL: many submissions at once, the first of a new year included (its sequence is
 * created by one of them, the others must not fail), get distinct, gap-free numbers; a year already numbered by the
 * former counter row goes on after it. Found by the benchmark: with the counter row, the losers of the year's first
 * insert answered 500 (PostgreSQL aborts a transaction on a failed insert), and every start waited on its lock.
 */
class ReferenceGeneratorIT {

    private static AnnotationConfigApplicationContext context;

    @Configuration
    @EnableTransactionManagement
    static class Wiring {

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            var dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(EmbeddedPostgresDatabase.jdbcUrl("reference_numbers"));
            dataSource.setUsername("postgres");
            dataSource.setMaximumPoolSize(20);
            return dataSource;
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        ReferenceGenerator referenceGenerator(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
            return new ReferenceGenerator(jdbc, Clock.systemUTC(), transactions);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        context = new AnnotationConfigApplicationContext(Wiring.class);
        String schema = new ClassPathResource("db/migration/V1__guichet_tables.sql").getContentAsString(StandardCharsets.UTF_8);
        context.getBean(JdbcTemplate.class).execute(schema);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aYearNumberedByTheFormerCounterGoesOnAfterIt() {
        ReferenceGenerator references = context.getBean(ReferenceGenerator.class);
        String prefix = "M" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        int year = java.time.Year.now().getValue();
        context.getBean(JdbcTemplate.class).update(
                "INSERT INTO guichet_reference_counter (prefix, ref_year, last_value) VALUES (?, ?, 41)", prefix, year);

        assertThat(references.next(prefix)).isEqualTo(prefix + "-" + year + "-0042");
        assertThat(references.next(prefix)).isEqualTo(prefix + "-" + year + "-0043");
    }

    @Test
    void concurrentSubmissionsOfANewPrefixGetDistinctGapFreeNumbers() throws Exception {
        ReferenceGenerator references = context.getBean(ReferenceGenerator.class);
        String prefix = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        int threads = 16;
        int each = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                go.await();
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(references.next(prefix));
                }
                return mine;
            }));
        }
        go.countDown();
        List<Integer> numbers = new ArrayList<>();
        for (Future<List<String>> result : results) {
            for (String reference : result.get()) {
                assertThat(reference).startsWith(prefix + "-");
                numbers.add(Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1)));
            }
        }
        pool.shutdown();
        assertThat(numbers).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(numbers.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(threads * each);
    }
}
