package nonblocking;

/**
 * Everything that stops a run, a report or the gate for a reason the user can fix (a bad property, an unreachable
 * target, a missing or corrupt file): its message is one line, printed as is, without a stack trace.
 */
public class NonblockingException extends RuntimeException {
    public NonblockingException(String message) {
        super(message);
    }

    public NonblockingException(String message, Throwable cause) {
        super(message, cause);
    }
}
