package fr.beta.guichet.tasks;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One page of the task list, oldest first.
 *
 * @param tasks     the tasks of this page, at most {@link TaskInbox#PAGE_SIZE}
 * @param page      this page's number, from 1, always within {@code 1..pageCount}
 * @param pageCount how many pages there are, at least 1 (an empty list has one empty page)
 * @param total     how many tasks the list holds across all pages
 */
public record TaskPage(List<TaskView> tasks, int page, int pageCount, long total) {

    /** How many page numbers the pagination shows around the current one, on each side. */
    private static final int AROUND = 2;

    static TaskPage empty() {
        return new TaskPage(List.of(), 1, 1, 0);
    }

    public boolean isFirst() {
        return page <= 1;
    }

    public boolean isLast() {
        return page >= pageCount;
    }

    /** The page numbers shown as links: the current page and up to two on each side. */
    public List<Integer> numbers() {
        int from = Math.max(1, page - AROUND);
        int to = Math.min(pageCount, page + AROUND);
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
