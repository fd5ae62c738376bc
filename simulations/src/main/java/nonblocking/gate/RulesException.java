package nonblocking.gate;

/** A rules file that is missing, unreadable or invalid: its message is one line. */
public class RulesException extends RuntimeException {
    public RulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
