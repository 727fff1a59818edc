package io.polder.server;

import io.polder.registry.apply.MeshBundle;

/** The test meshes, for tests in other packages of the server. */
public final class MeshesForTests {
    private MeshesForTests() {
    }

    public static MeshBundle exampleWithPlatformFiles() {
        return Meshes.exampleWithPlatformFiles();
    }
}
