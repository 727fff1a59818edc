package io.polder.spi.settings;

import io.polder.model.bind.Fields;

/**
 * How a CSV source is written. Absent options are detected from the file.
 *
 * @param nullString the text that stands for NULL (default: the empty field)
 * @param dateFormat a strftime format such as {@code %d/%m/%Y}
 */
public record CsvOptions(String delimiter, Boolean header, String quote, String escape, String nullString,
                         String dateFormat, String timestampFormat) {
    static CsvOptions bind(Fields f) {
        CsvOptions options = new CsvOptions(f.string("delimiter"), f.bool("header"), f.string("quote"),
                f.string("escape"), f.string("nullString"), f.string("dateFormat"), f.string("timestampFormat"));
        f.rejectUnknown();
        return options;
    }
}
