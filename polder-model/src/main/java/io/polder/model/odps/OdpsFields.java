package io.polder.model.odps;

import io.polder.model.bind.Fields;
import io.polder.model.source.MapNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Field shapes that recur across ODPS objects. The schema's {@code format} keywords (uri, date,
 * date-time) are annotations in JSON Schema 2019-09, not assertions, so a value that does not fit its
 * format is a warning: the document stays valid, as the official schema says, but the author hears of it.
 */
final class OdpsFields {
    private OdpsFields() {
    }

    static List<CustomProperty> customProperties(Fields f) {
        return f.objects("customProperties", CustomProperty::bind);
    }

    static List<AuthoritativeDefinition> authoritativeDefinitions(Fields f, OdpsVersion version) {
        return f.objects("authoritativeDefinitions", fields -> AuthoritativeDefinition.bind(fields, version));
    }

    /** A string that the schema annotates as an absolute URI. */
    static String uri(Fields f, String key) {
        String value = f.string(key);
        if (value != null && !isAbsoluteUri(value)) {
            f.problems().warning(f.node().get(key), "`" + key + "` should be an absolute URI such as https://...; found '"
                    + value + "'");
        }
        return value;
    }

    /** A string that the schema annotates as an RFC 3339 full date (2024-05-31). */
    static String date(Fields f, String key) {
        String value = f.string(key);
        if (value != null && !isDate(value)) {
            f.problems().warning(f.node().get(key), "`" + key + "` should be a date such as 2024-05-31; found '"
                    + value + "'");
        }
        return value;
    }

    /** A string that the schema annotates as an RFC 3339 date-time (2024-05-31T10:30:00Z). */
    static String dateTime(Fields f, String key) {
        String value = f.string(key);
        if (value != null && !isDateTime(value)) {
            f.problems().warning(f.node().get(key), "`" + key
                    + "` should be a date-time with a time zone such as 2024-05-31T10:30:00Z; found '" + value + "'");
        }
        return value;
    }

    /**
     * Reports fields that exist in a later version of ODPS than the rules in force, saying so, instead of the
     * bare "unknown field" that {@link Fields#rejectUnknown()} would give.
     */
    static void rejectNewerFields(Fields f, String objectName, OdpsVersion since, String... keys) {
        for (String key : keys) {
            if (f.has(key)) {
                MapNode.Entry entry = f.node().entries().get(key);
                f.problems().error(entry.keyPosition(), entry.value().pointer(), "unknown field `" + key + "`: "
                        + objectName + " has `" + key + "` only since ODPS " + since);
            }
        }
    }

    static boolean isAbsoluteUri(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isDate(String value) {
        try {
            LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDateTime(String value) {
        try {
            // RFC 3339 allows lower-case t and z, which java.time does not read.
            OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
