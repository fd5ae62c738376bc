package nonblocking.ladder;

/**
 * How the users of every level are shared among N injectors, like k6's execution segments: user {@code u} (numbered
 * from 0, in the order the ladder admits them) runs on injector {@code u mod N}. So the shares of a level add up to
 * its users exactly, each injector's share grows with the level, every injector admits its users in the ramp's
 * order, and N = 1 is the ordinary run.
 *
 * @param index this injector, 0..count-1
 * @param count N, the number of injectors
 */
public record Split(int index, int count) {

    /** One injector: every user. */
    public static final Split ALONE = new Split(0, 1);

    public Split {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("injector " + index + " of " + count + ": the index must be 0.." + (count - 1));
        }
    }

    /** How many of a level's {@code users} run on this injector. */
    public int share(int users) {
        return users <= index ? 0 : (users - index + count - 1) / count;
    }

    /** The ladder's number of this injector's {@code k}-th user (k from 0). */
    public int user(int k) {
        return index + k * count;
    }
}
