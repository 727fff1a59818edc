package io.polder.model.dcs;

/** A field's lineage ({@code $defs/Lineage}): the input fields it is derived from, in OpenLineage terms. */
final class DcsLineage {
    private DcsLineage() {
    }

    static void check(DcsFields lineage) {
        lineage.require("inputFields");
        lineage.objects("inputFields", "input field", DcsLineage::inputField);
        // deprecated in favour of each input field's transformations, but still defined
        lineage.strings("transformationDescription", "transformationType");
        lineage.warnNearMisses();
    }

    private static void inputField(DcsFields input) {
        input.require("namespace", "name", "field");
        input.strings("namespace", "name", "field");
        input.objects("transformations", "transformation", DcsLineage::transformation);
        input.warnNearMisses();
    }

    private static void transformation(DcsFields transformation) {
        transformation.require("type");
        transformation.strings("type", "subtype", "description");
        transformation.bool("masking");
        transformation.warnNearMisses();
    }
}
