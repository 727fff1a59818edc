package io.polder.web;

import java.util.List;

/** The model keeps a list the document omits as null (so it writes back as written); pages iterate it as empty. */
public final class Lists {
    private Lists() {
    }

    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
