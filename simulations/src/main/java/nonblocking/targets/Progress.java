package nonblocking.targets;

import nonblocking.results.LevelResult;
import nonblocking.results.LevelVerdict;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.util.List;

/**
 * What a target's run tells as it goes. The run words it for the console ({@code run.ConsoleProgress}), so that
 * run-time code does not lean on presentation.
 */
public interface Progress {

    /** A plain note on the target, e.g. that it is ready or has no census. */
    void note(String target, String text);

    void measured(Measured level);

    /** The early stop ended the ladder: it skipped these levels. */
    void stoppedEarly(String target, int brokenInARow, List<Integer> skipped);

    /** A capacity search ended after this many levels, with this result. */
    void searched(String target, int levels, TargetResult result);

    /**
     * @param index    the level's place in the order the levels ran, from 0
     * @param stillOut requests still out past the p99 limit when it was judged broken before they came back; null
     *                 when it was judged on every answer
     */
    record Measured(String target, int index, int maxLevels, LevelResult level, Slo slo, Long stillOut) {

        /** Its verdict; judged early, on its requests still out, it breaks unless the harness was the limit. */
        public LevelVerdict verdict() {
            if (stillOut == null) {
                return slo.verdict(level);
            }
            return level.harnessBound() ? LevelVerdict.INCONCLUSIVE : LevelVerdict.BREAKS;
        }
    }
}
