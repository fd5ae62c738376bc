package nonblocking.server;

/**
 * The one exception of target-apps: a problem the caller can act on, in one line, without a stack trace. A port
 * that cannot be bound, a census that is not one, a seed query out of range (answered as a 400).
 */
public final class TargetException extends RuntimeException {
    public TargetException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
