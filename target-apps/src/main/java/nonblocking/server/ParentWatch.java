package nonblocking.server;

/**
 * {@code --exit-with-parent}, and the ladder's own Gatling JVM: the load ladder starts targets as child JVMs. If the
 * ladder is killed (even with SIGKILL, which runs no hooks), its children would live on and hold their ports;
 * watching the parent's exit prevents such stray JVMs.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    /** Runs {@code onParentExit} once the parent process has exited (at once if it already has). */
    public static void watch(Runnable onParentExit) {
        ProcessHandle.current().parent().filter(ProcessHandle::isAlive)
                .ifPresentOrElse(parent -> parent.onExit().thenRun(onParentExit), onParentExit);
    }
}
