package nonblocking.results;

/**
 * What a level says about the target: it held its SLO, it broke it, or it broke it while the harness was the limit
 * (the load generator or the machine it shares, or the server the target waits on): then the level measured the
 * harness as much as the target, and says nothing of the target's own limit. An inconclusive level is neither held
 * nor broken.
 */
public enum LevelVerdict {
    HOLDS, BREAKS, INCONCLUSIVE;

    /**
     * Two verdicts of one level (a capacity search runs a broken level once more before it believes it): a hold wins
     * (the break did not repeat), then an inconclusive one; a break stands only when it repeats.
     */
    public static LevelVerdict merge(LevelVerdict a, LevelVerdict b) {
        return a == HOLDS || b == HOLDS ? HOLDS : a == INCONCLUSIVE || b == INCONCLUSIVE ? INCONCLUSIVE : BREAKS;
    }
}
