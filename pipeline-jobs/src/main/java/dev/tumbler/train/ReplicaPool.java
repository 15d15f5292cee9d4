package dev.tumbler.train;

import java.util.ArrayDeque;
import java.util.Deque;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Worker replicas kept in an executor JVM between parameter-averaging rounds. DL4J's worker builds a new
 * {@link ComputationGraph} for every round, which for SameDiff layers means re-initialising every layer and rebuilding
 * their gradient functions and workspaces: a fixed cost per round per worker that parameter averaging pays on top of
 * training. A replica handed back here is reused by the next round's worker of the same configuration, which only
 * assigns the broadcast parameters and updater state into it. The pool holds idle replicas of one configuration at a
 * time (a different configuration empties it), at most {@link #MAX_IDLE}.
 */
final class ReplicaPool {
    /** More idle replicas than concurrent tasks in one executor are never needed. */
    static final int MAX_IDLE = 8;
    private static final Deque<ComputationGraph> IDLE = new ArrayDeque<>();
    private static String idleKey;
    private static long reused;

    private ReplicaPool() {
    }

    /** The key replicas are pooled under: the broadcast configuration without its iteration and epoch counts. */
    static String keyOf(ComputationGraphConfiguration configuration) {
        ComputationGraphConfiguration c = configuration.clone();
        c.setIterationCount(0);
        c.setEpochCount(0);
        return c.toJson();
    }

    /** An idle replica built for {@code key}, or null. */
    static synchronized ComputationGraph take(String key) {
        ComputationGraph replica = key.equals(idleKey) ? IDLE.pollFirst() : null;
        if (replica != null) {
            reused++;
        }
        return replica;
    }

    /**
     * Hands back a replica built or taken for {@code key}, once its round's result no longer refers to its arrays.
     * Only idle replicas are held: one whose task failed is never handed back and is simply collected.
     */
    static synchronized void give(ComputationGraph replica, String key) {
        if (!key.equals(idleKey)) {
            clear();
            idleKey = key;
        }
        if (IDLE.size() < MAX_IDLE) {
            IDLE.addFirst(replica);
        }
    }

    /** Drops every idle replica, so the next round builds fresh ones. */
    static synchronized void clear() {
        IDLE.clear();
        idleKey = null;
    }

    /** Replicas handed out again since this JVM started (for tests). */
    static synchronized long reused() {
        return reused;
    }

    /** Idle replicas now held (for tests). */
    static synchronized int idle() {
        return IDLE.size();
    }
}
