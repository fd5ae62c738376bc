package nonblocking.results;

/** A results or baseline file that is missing, unreadable or of the wrong shape: its message is one line. */
public class ResultsException extends RuntimeException {
    public ResultsException(String message) {
        super(message);
    }

    public ResultsException(String message, Throwable cause) {
        super(message, cause);
    }
}
