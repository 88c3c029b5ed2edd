package fr.beta.guichet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own benchmark, {@code pgbench -b simple-update} (one UPDATE of an account, one SELECT, one INSERT
 * into history per transaction), on the benchmark's server with the same concurrencies as the start load.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private Pgbench() {
    }

    static Map<String, Object> run(String pgbench, int port, String database, int[] clients, int seconds)
            throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", exec(List.of(pgbench, "--version")).strip());
        result.put("scale", 10);
        exec(List.of(pgbench, "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres", "-i", "-q", "-s", "10",
                database));
        List<Object> levels = new ArrayList<>();
        for (int c : clients) {
            String out = exec(List.of(pgbench, "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres", "-n",
                    "-b", "simple-update", "-c", String.valueOf(c), "-j", String.valueOf(Math.min(c, 2)),
                    "-T", String.valueOf(seconds), database));
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("clients", c);
            level.put("seconds", seconds);
            level.put("tps", Double.parseDouble(find(TPS, out)));
            level.put("latencyAverageMs", Double.parseDouble(find(LATENCY, out)));
            Matcher failed = FAILED.matcher(out);
            level.put("failedTransactions", failed.find() ? Long.parseLong(failed.group(1)) : 0);
            levels.add(level);
        }
        result.put("levels", levels);
        return result;
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected pgbench output:\n" + text);
        }
        return matcher.group(1);
    }

    static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
