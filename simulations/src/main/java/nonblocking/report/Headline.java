package nonblocking.report;

import nonblocking.results.Results;

import java.util.stream.Collectors;

/** The one line to take away: each target's sustainable concurrent users, then the gap. */
final class Headline {

    private Headline() {
    }

    /** E.g. "blocking 200 · virtual 3200 · 16x"; the gap is left out when the run has none. */
    static String of(Results results) {
        String targets = results.targets().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().sustainableUsers())
                .collect(Collectors.joining(" · "));
        return results.gap() == null ? targets : targets + " · " + Numbers.factor(results.gap());
    }
}
