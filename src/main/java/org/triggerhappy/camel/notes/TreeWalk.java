package org.triggerhappy.camel.notes;

import org.jsoup.nodes.Node;

/**
 * Depth-first walk over a jsoup tree without recursion (hostile nesting must not overflow the stack), where the
 * visitor decides per node whether to descend, and can stop the walk.
 */
final class TreeWalk {

    interface Visitor {
        /** Called before the children; return true to visit them (then {@link #leave} follows). */
        boolean enter(Node node);

        void leave(Node node);

        /** Checked before every node; true ends the walk. */
        default boolean stopped() {
            return false;
        }
    }

    private TreeWalk() {
    }

    /** Visits the children of {@code root} (not root itself) and their descendants. */
    static void children(Node root, Visitor visitor) {
        Node node = root.childNodeSize() > 0 ? root.childNode(0) : null;
        while (node != null && !visitor.stopped()) {
            if (visitor.enter(node)) {
                if (node.childNodeSize() > 0) {
                    node = node.childNode(0);
                    continue;
                }
                visitor.leave(node);
            }
            while (node != null && node.nextSibling() == null) {
                node = node.parent();
                if (node == root || node == null) {
                    node = null;
                } else {
                    visitor.leave(node);
                }
            }
            if (node != null) {
                node = node.nextSibling();
            }
        }
    }
}
