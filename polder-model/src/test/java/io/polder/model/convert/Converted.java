package io.polder.model.convert;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.util.List;
import java.util.Map;

/** A document converted in a test, with the problems found and helpers to look into the result. */
record Converted(SourceDocument source, Conversion conversion, List<Problem> problems) {

    static Converted yaml(String text) {
        SourceDocument source = DocumentReader.withDefaults().read(text, "contract.yaml", SourceFormat.YAML)
                .documents().getFirst();
        return of(source);
    }

    static Converted of(SourceDocument source) {
        Problems problems = new Problems(source.file());
        Conversion conversion = Converter.to(ConversionTarget.ODCS_V3_1_0).convert(source, problems);
        return new Converted(source, conversion, problems.list());
    }

    Map<String, Object> document() {
        return conversion.document();
    }

    /** The value at a slash-separated path such as {@code schema/0/properties/1/logicalType}, or null. */
    Object at(String path) {
        return at(document(), path);
    }

    static Object at(Object document, String path) {
        Object current = document;
        for (String step : path.split("/")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("\\d+") && Integer.parseInt(step) < list.size()) {
                current = list.get(Integer.parseInt(step));
            } else {
                return null;
            }
        }
        return current;
    }

    List<String> errors() {
        return problems.stream().filter(Problem::isError).map(Problem::format).toList();
    }

    List<String> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).map(Problem::format).toList();
    }

    List<String> schemaErrors() {
        return OfficialSchema.ODCS_V3_1_0.errors(document());
    }

    /** The custom property named {@code property} in the custom properties at {@code path} ("" for the top). */
    Object custom(String path, String property) {
        Object list = path.isEmpty() ? document().get("customProperties") : at(path + "/customProperties");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> custom && property.equals(custom.get("property"))) {
                    return custom.containsKey("value") ? custom.get("value") : "(no value)";
                }
            }
        }
        return null;
    }
}
