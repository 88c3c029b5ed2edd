package fr.beta.guichet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a measured window: this JVM (the app and the load generator) against the whole machine
 * (PostgreSQL's processes are most of the rest), from {@code /proc/stat} and the JVM's process CPU time. Divided by
 * the work done, it is the cost that bounds throughput on two cores.
 */
final class CpuMeter {

    private final long jvmStart;
    private final long[] machineStart;
    private final long wallStart;

    private CpuMeter() {
        this.jvmStart = jvmCpuNanos();
        this.machineStart = machine();
        this.wallStart = System.nanoTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU milliseconds per unit of work (a request, a reminder) and the machine's busy share over the window. */
    Map<String, Object> per(long units) {
        double jvmMs = (jvmCpuNanos() - jvmStart) / 1e6;
        long[] now = machine();
        long ticksPerSecond = 100; // USER_HZ on Linux
        double busyMs = (now[0] - machineStart[0]) * 1000.0 / ticksPerSecond;
        double totalMs = (now[1] - machineStart[1]) * 1000.0 / ticksPerSecond;
        double wallMs = (System.nanoTime() - wallStart) / 1e6;
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("machineBusyPercent", GuichetBenchmark.round(totalMs == 0 ? 0 : 100 * busyMs / totalMs));
        cpu.put("jvmCores", GuichetBenchmark.round(jvmMs / wallMs));
        cpu.put("otherCores", GuichetBenchmark.round(Math.max(0, busyMs - jvmMs) / wallMs));
        if (units > 0) {
            cpu.put("jvmCpuMsPerUnit", GuichetBenchmark.round(jvmMs / units));
            cpu.put("otherCpuMsPerUnit", GuichetBenchmark.round(Math.max(0, busyMs - jvmMs) / units));
        }
        return cpu;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Busy and total jiffies of all CPUs. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
