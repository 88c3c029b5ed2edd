package fr.beta.guichet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.beta.guichet.support.Browser;

/** Times a page over HTTP in a logged-in session: three warm-up loads, then {@code runs} timed ones. */
final class PageTimer {

    private PageTimer() {
    }

    static Map<String, Object> time(Browser browser, String path, int runs) {
        int bytes = 0;
        for (int i = 0; i < 3; i++) {
            bytes = browser.page(path).length();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            browser.page(path);
            nanos.add(System.nanoTime() - t0);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path);
        result.put("runs", runs);
        result.putAll(Latencies.summary(nanos));
        result.put("pageChars", bytes);
        return result;
    }
}
