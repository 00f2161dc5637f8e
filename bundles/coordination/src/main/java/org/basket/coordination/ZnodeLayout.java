package org.basket.coordination;

/** Where the coordination keeps its nodes, all under the configured chroot. */
record ZnodeLayout(String root) {
    String election() {
        return root + "/election";
    }

    /** The epoch: its data version is the epoch, raised by each new leader. */
    String epoch() {
        return root + "/epoch";
    }

    String members() {
        return root + "/members";
    }

    String member(String managerId) {
        return members() + "/" + managerId;
    }

    String state() {
        return root + "/state";
    }

    /** A key of the shared state as one child of {@link #state()}: '/' is written %2F (keys never hold '%'). */
    String stateKey(String key) {
        return state() + "/" + key.replace("/", "%2F");
    }

    static String keyOf(String child) {
        return child.replace("%2F", "/");
    }

    String counters() {
        return root + "/counters";
    }

    String counter(String name) {
        return counters() + "/" + name.replace("/", "%2F");
    }

    String observation() {
        return root + "/observation";
    }

    /** The leader's digests of the hosts whose name hashes to the bucket. */
    String digest(int bucket) {
        return observation() + "/digest/" + bucket;
    }

    /** A follower's news: the host names whose observation differs from the leader's digest (ephemeral). */
    String news(String managerId) {
        return observation() + "/news/" + managerId;
    }

    /** A follower's progress: rewritten after each sweep of its share; its mtime is what counts (ephemeral). */
    String progress(String managerId) {
        return observation() + "/progress/" + managerId;
    }

    /** Touched by a leader to read the ensemble's clock (the mtime of its write). */
    String clock() {
        return observation() + "/clock";
    }
}
