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
}
