package nonblocking.report;

import nonblocking.results.LevelResult;
import nonblocking.results.Sustainability;
import nonblocking.results.TargetResult;

/** Whether a level counts as sustained and, when it does not, why: the last column of the level tables. */
final class LevelStatus {

    private LevelStatus() {
    }

    static String of(LevelResult level, TargetResult target, long pauseMs) {
        if (target.sustains(level)) {
            return "sustained";
        }
        if (level.requests() == 0) {
            return "no requests";
        }
        if (Sustainability.holds(level, pauseMs)) {
            return "holds, above a failed level";
        }
        boolean slow = Sustainability.tooSlow(level, pauseMs);
        boolean failing = Sustainability.tooManyKo(level);
        return slow && failing ? "p99 and KO over limit" : slow ? "p99 over limit" : "KO over limit";
    }
}
