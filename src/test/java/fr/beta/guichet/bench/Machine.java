package fr.beta.guichet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootVersion;
import org.springframework.jdbc.core.JdbcTemplate;

/** The machine and the versions a result was measured with. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(JdbcTemplate postgres, String pgbench) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstLine("/proc/cpuinfo", "model name"));
        machine.put("memory", firstLine("/proc/meminfo", "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("jvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("postgresql", postgres.queryForObject("SELECT version()", String.class));
        machine.put("camunda", org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion());
        machine.put("springBoot", SpringBootVersion.getVersion());
        machine.put("commit", command(List.of("git", "rev-parse", "--short", "HEAD")));
        machine.put("pgbench", command(List.of(pgbench, "--version")));
        return machine;
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String command(List<String> command) {
        try {
            return Pgbench.exec(command).strip();
        } catch (Exception e) {
            return "?";
        }
    }
}
