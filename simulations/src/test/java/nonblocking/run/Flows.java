package nonblocking.run;

import nonblocking.NonblockingException;

/** Finds a user's flow by its class name: one line when there is no such class, or it is not a {@link Flow}. */
final class Flows {

    private Flows() {
    }

    static Flow load(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Flow.class.isAssignableFrom(type)) {
                throw new NonblockingException("flow " + className + " does not implement " + Flow.class.getName());
            }
            return (Flow) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new NonblockingException("no flow class " + className + " on the classpath (simulations/src/test/java)");
        } catch (ReflectiveOperationException e) {
            throw new NonblockingException("flow " + className + " cannot be made: it needs a public no-argument constructor");
        }
    }
}
