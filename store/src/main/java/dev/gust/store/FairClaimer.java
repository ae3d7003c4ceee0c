package dev.gust.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the events of one claim fairly across functions and leases them.
 *
 * <p><b>Algorithm.</b> Walk the function names that have stored events in byte order, starting after a
 * cursor and wrapping around once; skip excluded functions; from each take the rowids of up to
 * {@code maxPerFunction} due events (an index range scan that stops after that many rows, whatever the
 * backlog). Stop walking once {@code maxEvents} functions with due events were found. Then deal the events out
 * round by round: the first event of every such function in walk order, then the second, and so on, until
 * {@code maxEvents}. Every function found therefore gets at least one event; the cursor moves to the last one,
 * so when more functions are due than one claim takes, the next claim starts with those left out.
 *
 * <p>Not thread-safe: used only on the {@link GroupCommitWriter}'s thread. The cursor lives in memory; losing
 * it on restart only changes who is served first.
 */
final class FairClaimer {

    private String cursor = "";

    List<QueuedEvent> claim(EventQueueSql sql, ClaimRequest request) throws SQLException {
        LinkedHashMap<String, List<Long>> due = new LinkedHashMap<>();
        walk(sql, request, cursor, null, due);
        if (due.size() < request.maxEvents() && !cursor.isEmpty()) {
            walk(sql, request, "", cursor, due);
        }
        if (due.isEmpty()) {
            return List.of();
        }
        cursor = due.sequencedKeySet().getLast();
        List<QueuedEvent> claimed = new ArrayList<>();
        for (long seq : interleave(due.values(), request.maxEvents())) {
            claimed.add(sql.lease(seq, request.owner(), request.leaseUntil()));
        }
        return claimed;
    }

    /** Collects due events of the functions after {@code after} (and up to {@code upTo}, if not null). */
    private static void walk(EventQueueSql sql, ClaimRequest request, String after, String upTo,
            Map<String, List<Long>> due) throws SQLException {
        for (String name = sql.functionAfter(after, upTo); name != null && due.size() < request.maxEvents();
                name = sql.functionAfter(name, upTo)) {
            if (!request.excludedFunctions().contains(name)) {
                int limit = Math.min(request.maxPerFunction(), request.maxEvents());
                List<Long> events = sql.dueEvents(name, request.now(), limit);
                if (!events.isEmpty()) {
                    due.put(name, events);
                }
            }
        }
    }

    /** The first element of every list, then the second of every list, ..., at most {@code max} in all. */
    static <T> List<T> interleave(Iterable<List<T>> lists, int max) {
        List<T> dealt = new ArrayList<>();
        for (int round = 0; dealt.size() < max; round++) {
            boolean any = false;
            for (List<T> list : lists) {
                if (round < list.size() && dealt.size() < max) {
                    dealt.add(list.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return dealt;
    }
}
