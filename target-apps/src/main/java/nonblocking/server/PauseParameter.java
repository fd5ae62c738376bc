package nonblocking.server;

/** Reads the {@code ?pause=<ms>} override of the seed request. */
public final class PauseParameter {
    private PauseParameter() {
    }

    /** Thrown with a one-line reason meant for the client. */
    public static final class BadPause extends Exception {
        public BadPause(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param raw          the query value, or null when absent
     * @param defaultPause the server's default pause
     * @return the pause in milliseconds
     */
    public static long parse(String raw, long defaultPause) throws BadPause {
        if (raw == null) {
            return defaultPause;
        }
        long pause;
        try {
            pause = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadPause("pause must be a whole number of milliseconds, got '" + printable(raw) + "'");
        }
        if (pause < 0 || pause > TargetConfig.MAX_PAUSE_MS) {
            throw new BadPause("pause must be between 0 and " + TargetConfig.MAX_PAUSE_MS + " ms, got " + pause);
        }
        return pause;
    }

    /** Keeps the echoed value short and on one line. */
    private static String printable(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
    }
}
