package nonblocking.ladder;

/** Something that stops the ladder before or instead of load (bad property, unreachable target...): one line. */
public class LadderException extends RuntimeException {
    public LadderException(String message) {
        super(message);
    }

    public LadderException(String message, Throwable cause) {
        super(message, cause);
    }
}
