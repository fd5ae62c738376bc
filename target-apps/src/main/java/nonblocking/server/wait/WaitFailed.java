package nonblocking.server.wait;

/**
 * What a request waited on failed (the downstream server is down, the database refused or timed out): the request
 * is answered with {@code status} and this one-line reason, and the load generator counts it as failed. Also what
 * making a wait throws when what it waits on does not answer: then the server does not start.
 */
public final class WaitFailed extends RuntimeException {
    /** The downstream server or the database answered wrongly or not at all. */
    public static final int BAD_GATEWAY = 502;
    /** No connection to it within the request's time: the pool is exhausted. */
    public static final int UNAVAILABLE = 503;

    private final int status;

    public WaitFailed(int status, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** One line: the message of {@code failure}, or of what it wraps, or its type. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
