package io.polder.registry;

/** A throwaway database for one test: {@link #create()} gives its JDBC URL, {@link #drop()} removes it. */
public interface TestDatabase {
    String create();

    void drop();
}
