package io.polder.model.source;

/** RFC 6901 JSON pointers: building them while reading, and finding nodes by them. */
public final class Pointers {
    private Pointers() {
    }

    public static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    static Node resolveNearest(Node root, String pointer) {
        if (pointer.isEmpty()) {
            return root;
        }
        Node current = root;
        for (String rawToken : pointer.substring(1).split("/", -1)) {
            String token = rawToken.replace("~1", "/").replace("~0", "~");
            Node next = switch (current) {
                case MapNode map -> map.get(token);
                case ListNode list -> itemAt(list, token);
                case ScalarNode scalar -> null;
            };
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static Node itemAt(ListNode list, String token) {
        try {
            int index = Integer.parseInt(token);
            return index >= 0 && index < list.items().size() ? list.items().get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
